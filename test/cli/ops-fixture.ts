// The small UTC rota shared by the escalation, incident and check tests.
// Now is Monday 2026-11-23 12:00Z.
//   primary: daily handoff at 12:10, members [ann, ben], shift k from 2026-11-02 12:10:
//            Sun 22 Nov 12:10 → Mon 23 Nov 12:10 is shift 20 (ann), then shift 21 (ben).
//   steady:  weekly from Mon 16 Nov 00:00, only dan.
//   nights:  cat, but only 20:00–08:00 (a gap 08:00–20:00).
//   team leads: [eve, fay].

/** `version: 1` and the six people ann, ben, cat, dan, eve, fay. */
export const OPS_PEOPLE = `version: 1
people:
  - id: ann
    name: Ann Arbor
  - id: ben
    name: Ben Bow
  - id: cat
    name: Cat Cole
  - id: dan
    name: Dan Dee
  - id: eve
    name: Eve Ent
  - id: fay
    name: Fay Fox
`;

/** OPS_PEOPLE plus the teams ops and leads and the schedules primary, steady and nights. */
export const OPS_ROTA = `${OPS_PEOPLE}teams:
  - id: ops
    name: Ops
    members: [ann, ben, cat, dan]
  - id: leads
    name: Leads
    members: [eve, fay]
schedules:
  - id: primary
    team: ops
    name: Primary
    timezone: UTC
    layers:
      - id: daily
        start: 2026-11-02T12:10
        shift: 1d
        members: [ann, ben]
  - id: steady
    team: ops
    name: Steady
    timezone: UTC
    layers:
      - id: weekly
        start: 2026-11-16T00:00
        shift: 1w
        members: [dan]
  - id: nights
    team: ops
    name: Nights
    timezone: UTC
    layers:
      - id: nights
        start: 2026-11-02T00:00
        shift: 1w
        members: [cat]
        restrictions:
          - from: "20:00"
            to: "08:00"
`;

/**
 * Policy entries (to follow an `escalation_policies:` line):
 *   main:  [schedule:primary] 0m, [schedule:primary, person:cat] 15m, [team:leads] 30m.
 *   gappy: [schedule:primary], [schedule:nights] 10m (a gap in the daytime), [person:eve] 20m.
 *   loop:  [schedule:steady] 0m, [person:eve, schedule:steady] 10m, [team:leads] 25m, repeat 2
 *          (runs 40 minutes apart).
 */
export const OPS_POLICIES = `  - id: main
    team: ops
    name: Main line
    levels:
      - targets: [schedule:primary]
        after: 0m
      - targets: [schedule:primary, person:cat]
        after: 15m
      - targets: [team:leads]
        after: 30m
  - id: gappy
    team: ops
    levels:
      - targets: [schedule:primary]
      - targets: [schedule:nights]
        after: 10m
      - targets: [person:eve]
        after: 20m
  - id: loop
    team: ops
    name: Loop
    repeat: 2
    levels:
      - targets: [schedule:steady]
        after: 0m
      - targets: [person:eve, schedule:steady]
        after: 10m
      - targets: [team:leads]
        after: 25m
`;
