// astronomia's VSOP87 series of the Earth, in dist/vendor/date-holidays.cjs: the parser
// computes equinoxes and solstices (Japan, Chile) and the Chinese calendar with them. As the
// package's module they are 100 KB of array literals that every run compiled and built,
// whichever region it asked for; here they are read from dist/vendor/holidays/ by the first
// computation that needs them (the build writes the file from the same module).
// planetposition.Planet reads name and type when it is made, and the series when it computes.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let series;
const load = () => (series ??= JSON.parse(readFileSync(join(__dirname, 'holidays', 'vsop87Bearth.json'), 'utf8')));

export default {
  name: 'earth',
  type: 'B',
  get L() { return load().L; },
  get B() { return load().B; },
  get R() { return load().R; },
};
