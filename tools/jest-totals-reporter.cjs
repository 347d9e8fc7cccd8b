// Prints the totals CI reads, on a line of their own: "N passed, N failed"; above them, the slowest files and tests,
// so that a CI run that grows slower says where its time went (CI keeps no other timing). With MPP_TEST_TOTALS_FILE
// set (tools/test.mjs, which runs two jest side by side and adds their totals up), also writes them there.
const { writeFileSync } = require('node:fs');
const SLOWEST = 12;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

class TotalsReporter {
  onRunComplete(_contexts, results) {
    const files = results.testResults.map((file) => ({ name: file.testFilePath.replace(`${process.cwd()}/`, ''), ms: file.perfStats.end - file.perfStats.start, tests: file.testResults }));
    const tests = files.flatMap((file) => file.tests.map((test) => ({ name: `${file.name}: ${test.fullName}`, ms: test.duration ?? 0 })));
    const slowest = (list) => [...list].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST).map((item) => `  ${seconds(item.ms).padStart(8)}  ${item.name.slice(0, 160)}`).join('\n');
    if (files.length > 1) process.stdout.write(`\nSlowest files:\n${slowest(files)}\nSlowest tests:\n${slowest(tests)}\n`);
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const totalsFile = process.env.MPP_TEST_TOTALS_FILE;
    // One of two runs: its line is not the whole run's, which tools/test.mjs prints last.
    process.stdout.write(`\n${totalsFile ? 'this run: ' : ''}${results.numPassedTests} passed, ${failed} failed\n`);
    if (totalsFile) writeFileSync(totalsFile, JSON.stringify({ passed: results.numPassedTests, failed }));
  }
}
module.exports = TotalsReporter;
