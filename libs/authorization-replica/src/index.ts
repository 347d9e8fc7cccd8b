// The authorizations ISVs hold on mini programs as other services keep them, from ordering's public events: which
// ISV may do what on which mini program, without asking ordering. Used by miniprograms and insights.
export * from './granted-authorizations.projection';
