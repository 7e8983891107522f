import { describe, expect, test } from 'vitest';
import { layerLifetime, layerShifts, type Layer, type Window } from '../../src/core/index.js';
import { BERLIN, NY, at, iso, layer, rows, win } from './helpers.js';

type Case = [name: string, layer: Layer, window: Window, expected: string[][]];

const MO_TH = 'FREQ=WEEKLY;BYDAY=MO,TH;BYHOUR=9;BYMINUTE=0';
const TEN = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

const handoffCases: Case[] = [
  [
    'Monday and Thursday handoffs in Berlin (09:00 CET = 08:00Z)',
    layer({ timezone: BERLIN, start: '2026-01-05T09:00', handoffs: MO_TH }),
    win('2026-01-01T00:00Z', '2026-01-19T08:00Z'),
    [
      ['2026-01-05T08:00Z', '2026-01-08T08:00Z', 'a'],
      ['2026-01-08T08:00Z', '2026-01-12T08:00Z', 'b'],
      ['2026-01-12T08:00Z', '2026-01-15T08:00Z', 'c'],
      ['2026-01-15T08:00Z', '2026-01-19T08:00Z', 'a'],
    ],
  ],
  [
    // Mar 26 is occurrence 23 (11 weeks × 2 + 1) → c; Mar 30 (24) → a, at 09:00 CEST.
    'Monday and Thursday handoffs stay at 09:00 across the Berlin spring change',
    layer({ timezone: BERLIN, start: '2026-01-05T09:00', handoffs: MO_TH }),
    win('2026-03-26T00:00Z', '2026-04-03T00:00Z'),
    [
      ['2026-03-26T00:00Z', '2026-03-26T08:00Z', 'b'],
      ['2026-03-26T08:00Z', '2026-03-30T07:00Z', 'c'],
      ['2026-03-30T07:00Z', '2026-04-02T07:00Z', 'a'],
      ['2026-04-02T07:00Z', '2026-04-03T00:00Z', 'b'],
    ],
  ],
  [
    'the first handoff is the first occurrence at or after start (Tuesday start → Thursday)',
    layer({ start: '2026-01-06T09:00', handoffs: MO_TH, members: ['a', 'b'] }),
    win('2026-01-05T00:00Z', '2026-01-13T00:00Z'),
    [
      ['2026-01-08T09:00Z', '2026-01-12T09:00Z', 'a'],
      ['2026-01-12T09:00Z', '2026-01-13T00:00Z', 'b'],
    ],
  ],
  [
    'weekday handoffs with FREQ=DAILY;BYDAY skip the weekend',
    layer({ start: '2026-01-09T09:00', handoffs: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', members: ['a', 'b'] }),
    win('2026-01-09T00:00Z', '2026-01-13T12:00Z'),
    [
      ['2026-01-09T09:00Z', '2026-01-12T09:00Z', 'a'],
      ['2026-01-12T09:00Z', '2026-01-13T09:00Z', 'b'],
      ['2026-01-13T09:00Z', '2026-01-13T12:00Z', 'a'],
    ],
  ],
  [
    'twice a day with FREQ=HOURLY;BYHOUR=9,21',
    layer({ start: '2026-01-05T09:00', handoffs: 'FREQ=HOURLY;BYHOUR=9,21;BYMINUTE=0' }),
    win('2026-01-05T00:00Z', '2026-01-06T22:00Z'),
    [
      ['2026-01-05T09:00Z', '2026-01-05T21:00Z', 'a'],
      ['2026-01-05T21:00Z', '2026-01-06T09:00Z', 'b'],
      ['2026-01-06T09:00Z', '2026-01-06T21:00Z', 'c'],
      ['2026-01-06T21:00Z', '2026-01-06T22:00Z', 'a'],
    ],
  ],
  [
    'every other week on Monday (FREQ=WEEKLY;INTERVAL=2)',
    layer({ start: '2026-01-05T09:00', handoffs: 'FREQ=WEEKLY;INTERVAL=2', members: ['a', 'b'] }),
    win('2026-01-05T00:00Z', '2026-02-03T00:00Z'),
    [
      ['2026-01-05T09:00Z', '2026-01-19T09:00Z', 'a'],
      ['2026-01-19T09:00Z', '2026-02-02T09:00Z', 'b'],
      ['2026-02-02T09:00Z', '2026-02-03T00:00Z', 'a'],
    ],
  ],
  [
    'first Monday of the month',
    layer({ start: '2026-01-05T09:00', handoffs: 'FREQ=MONTHLY;BYDAY=1MO', members: ['a', 'b'] }),
    win('2026-01-01T00:00Z', '2026-04-07T00:00Z'),
    [
      ['2026-01-05T09:00Z', '2026-02-02T09:00Z', 'a'],
      ['2026-02-02T09:00Z', '2026-03-02T09:00Z', 'b'],
      ['2026-03-02T09:00Z', '2026-04-06T09:00Z', 'a'],
      ['2026-04-06T09:00Z', '2026-04-07T00:00Z', 'b'],
    ],
  ],
  [
    // Wall-clock handoffs 02:00, 02:30 fall in the gap and move to 03:00 and 03:30 EDT, where
    // the 03:00 and 03:30 handoffs also are. e (k = 4) and f (k = 5) get nothing; g and h follow.
    'half-hourly RRULE in the NY gap: swallowed shifts use their slots',
    layer({ timezone: NY, start: '2026-03-08T00:00', handoffs: 'FREQ=HOURLY;BYMINUTE=0,30', members: TEN }),
    win('2026-03-08T06:00Z', '2026-03-08T08:30Z'),
    [
      ['2026-03-08T06:00Z', '2026-03-08T06:30Z', 'c'],
      ['2026-03-08T06:30Z', '2026-03-08T07:00Z', 'd'],
      ['2026-03-08T07:00Z', '2026-03-08T07:30Z', 'g'],
      ['2026-03-08T07:30Z', '2026-03-08T08:00Z', 'h'],
      ['2026-03-08T08:00Z', '2026-03-08T08:30Z', 'i'],
    ],
  ],
];

const boundCases: Case[] = [
  [
    'members[k mod n]; nothing before start, nothing from end on',
    layer({ start: '2026-01-05T09:00', end: '2026-01-20T12:00', shift: { count: 1, unit: 'w' } }),
    win('2026-01-01T00:00Z', '2026-02-01T00:00Z'),
    [
      ['2026-01-05T09:00Z', '2026-01-12T09:00Z', 'a'],
      ['2026-01-12T09:00Z', '2026-01-19T09:00Z', 'b'],
      ['2026-01-19T09:00Z', '2026-01-20T12:00Z', 'c'],
    ],
  ],
  [
    'end is a wall-clock time in the zone',
    layer({ timezone: NY, start: '2026-01-05T09:00', end: '2026-01-06T09:00', shift: { count: 1, unit: 'd' } }),
    win('2026-01-01T00:00Z', '2026-02-01T00:00Z'),
    [['2026-01-05T14:00Z', '2026-01-06T14:00Z', 'a']],
  ],
  [
    'validFrom / validTo cut the layer to its period of history',
    layer({
      start: '2026-01-05T09:00',
      shift: { count: 1, unit: 'w' },
      validFrom: at('2026-01-08T00:00Z'),
      validTo: at('2026-01-15T00:00Z'),
    }),
    win('2026-01-01T00:00Z', '2026-02-01T00:00Z'),
    [
      ['2026-01-08T00:00Z', '2026-01-12T09:00Z', 'a'],
      ['2026-01-12T09:00Z', '2026-01-15T00:00Z', 'b'],
    ],
  ],
  [
    'a window entirely before the start is empty',
    layer({ start: '2026-01-05T09:00', shift: { count: 1, unit: 'd' } }),
    win('2025-12-01T00:00Z', '2026-01-05T09:00Z'),
    [],
  ],
  [
    'a window entirely after the end is empty',
    layer({ start: '2026-01-05T09:00', end: '2026-01-10T00:00', shift: { count: 1, unit: 'd' } }),
    win('2026-01-10T00:00Z', '2026-01-12T00:00Z'),
    [],
  ],
];

describe('layer shifts from handoffs: RRULE', () => {
  test.each(handoffCases)('%s', (_name, l, window, expected) => {
    expect(rows(layerShifts(l, window))).toEqual(expected);
  });
});

describe('layer bounds', () => {
  test.each(boundCases)('%s', (_name, l, window, expected) => {
    expect(rows(layerShifts(l, window))).toEqual(expected);
  });

  test('shifts carry the layer as their source', () => {
    const shifts = layerShifts(layer({ id: 'weekly', start: '2026-01-05T09:00', shift: { count: 1, unit: 'w' } }), win('2026-01-05T00:00Z', '2026-01-06T00:00Z'));
    expect(shifts.map((s) => s.source)).toEqual(['layer:weekly']);
  });

  test('a disabled layer or one without members covers nothing', () => {
    const window = win('2026-01-05T00:00Z', '2026-02-01T00:00Z');
    expect(layerShifts(layer({ start: '2026-01-05T09:00', shift: { count: 1, unit: 'd' }, disabled: true }), window)).toEqual([]);
    expect(layerShifts(layer({ start: '2026-01-05T09:00', shift: { count: 1, unit: 'd' }, members: [] }), window)).toEqual([]);
  });

  test('layerLifetime is [first handoff or validFrom, end or validTo)', () => {
    const l = layer({ timezone: BERLIN, start: '2026-01-06T09:00', end: '2026-07-01T00:00', handoffs: MO_TH, validTo: at('2026-06-01T00:00Z') });
    const life = layerLifetime(l);
    expect([iso(life.start), iso(life.end)]).toEqual(['2026-01-08T08:00Z', '2026-06-01T00:00Z']);
  });

  test('a start inside the NY gap moves forward like any wall-clock time', () => {
    const l = layer({ timezone: NY, start: '2026-03-08T02:30', shift: { count: 1, unit: 'd' } });
    expect(rows(layerShifts(l, win('2026-03-08T00:00Z', '2026-03-10T00:00Z')))).toEqual([
      ['2026-03-08T07:30Z', '2026-03-09T06:30Z', 'a'],
      ['2026-03-09T06:30Z', '2026-03-10T00:00Z', 'b'],
    ]);
  });
});
