/** DI tokens of catalog's own collaborators. */
export const SERVICE_NAMES = Symbol('SERVICE_NAMES');
