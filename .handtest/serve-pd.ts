import { MAIN, startFakePagerDuty } from '../test/importers/fake-pagerduty.js';
const fake = await startFakePagerDuty(MAIN, { token: 'hand-test-token-123456' });
console.log((fake as unknown as { url: string }).url ?? JSON.stringify(Object.keys(fake)));
