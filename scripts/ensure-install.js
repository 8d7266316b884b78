// Runs before `npm start` and `npm test`: installs the locked dependencies when node_modules is missing or
// older than package-lock.json, so a fresh clone needs nothing but Node.
const { execSync } = require('node:child_process');
const { statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const mtime = (file) => {
  try {
    return statSync(join(root, file)).mtimeMs;
  } catch {
    return 0;
  }
};

if (mtime('node_modules/.package-lock.json') < mtime('package-lock.json')) {
  console.log('Installing dependencies (npm ci)...');
  execSync('npm ci', { cwd: root, stdio: 'inherit' });
}
