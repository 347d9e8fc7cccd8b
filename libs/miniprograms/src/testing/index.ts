// Test-only helpers of libs/miniprograms (`@mpp/miniprograms/testing`): never part of the build in dist/.
export * from './miniprograms-world';
