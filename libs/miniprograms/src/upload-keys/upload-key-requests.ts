import { SqlClient } from '@mpp/eventsourcing';
import { SQL_CLIENT } from '@mpp/application';
import { AuthenticateUploadKey } from './authenticate-upload-key/authenticate-upload-key.command';
import { AuthenticateUploadKeyHandler } from './authenticate-upload-key/authenticate-upload-key.handler';
import { CreateUploadKey } from './create-upload-key/create-upload-key.command';
import { CreateUploadKeyHandler } from './create-upload-key/create-upload-key.handler';
import { ListUploadKeys } from './list-upload-keys/list-upload-keys.query';
import { ListUploadKeysHandler } from './list-upload-keys/list-upload-keys.handler';
import { RevokeUploadKey } from './revoke-upload-key/revoke-upload-key.command';
import { RevokeUploadKeyHandler } from './revoke-upload-key/revoke-upload-key.handler';
import { UPLOAD_KEY_USES, UploadKeyUses } from './upload-key-uses';

// The upload keys slice as the service lists it: its request classes (miniprograms.service.ts) and its providers
// (miniprograms.module.ts), kept here so the slice joins the service in one line each.

export const UPLOAD_KEY_REQUESTS = [CreateUploadKey, ListUploadKeys, RevokeUploadKey, AuthenticateUploadKey] as const;

export const UPLOAD_KEY_PROVIDERS = [
  CreateUploadKeyHandler,
  ListUploadKeysHandler,
  RevokeUploadKeyHandler,
  AuthenticateUploadKeyHandler,
  { provide: UPLOAD_KEY_USES, useFactory: (sql: SqlClient) => new UploadKeyUses(sql).init(), inject: [SQL_CLIENT] },
];
