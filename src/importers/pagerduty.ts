// Placeholder while the PagerDuty importer is written on its own branch (replaced in this session).
import { UserError } from '../errors.js';
import type { ImportedSetup, VendorRead } from './types.js';

export function readPagerDuty(_read: VendorRead): Promise<ImportedSetup> {
  return Promise.reject(new UserError('importing from PagerDuty is not built yet'));
}
