// Placeholder while the Opsgenie importer is written on its own branch (replaced in this session).
import { UserError } from '../errors.js';
import type { ImportedSetup, VendorRead } from './types.js';

export function readOpsgenie(_read: VendorRead): Promise<ImportedSetup> {
  return Promise.reject(new UserError('importing from Opsgenie is not built yet'));
}
