/** DI tokens of identity's own collaborators. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
export const PASSWORD_HASHER = Symbol('PASSWORD_HASHER');
export const CODE_VAULT = Symbol('CODE_VAULT');
export const ACCOUNT_CLAIMS = Symbol('ACCOUNT_CLAIMS');
export const MAIL_SETUP = Symbol('MAIL_SETUP');
export const LOGO_STORE = Symbol('LOGO_STORE');
