// Identity's workspaces and memberships as other services keep them, from identity's public events: who may act
// where, without asking identity. Used by catalog, ordering and miniprograms.
export * from './known-workspaces.projection';
export * from './known-memberships';
