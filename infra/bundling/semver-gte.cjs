/**
 * What the function bundles get for `require('semver')` (the `alias` of `bundleOptions` in
 * infra/function-runtime.ts). The only importer in any bundle, aws-xray-sdk-core's
 * `dist/lib/patchers/aws_p.js`, calls `semver.gte` and nothing else; this is semver's own `gte`
 * (and the SemVer class and compare it needs), without ranges, comparators and the other functions.
 *
 * A relative path, not `semver/functions/gte`: esbuild's alias also rewrites `semver/...` subpaths,
 * this file's own import included. test/infra/bundling.unit.test.ts checks that the file is the
 * one aws-xray-sdk-core resolves, and that no bundled module uses anything of semver but `gte`.
 */
module.exports = { gte: require('../../node_modules/semver/functions/gte.js') };
