/** DI tokens of ordering's own collaborators. */
export const ORDER_SLOTS = Symbol('ORDER_SLOTS');
