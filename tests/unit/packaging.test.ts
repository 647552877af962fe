import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import config, {
  AZURE_SIGNING_ENV,
  builderConfig,
  EXCLUDED_PACKAGES,
  windowsSigning,
} from '../../electron-builder.config';
import { APP_USER_MODEL_ID } from '../../main/shell/startup';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  desktopName: string;
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
};

describe('the Windows installer', () => {
  const built = builderConfig({});

  it("has the shell's application id, so taskbar pins and the running app are one icon", () => {
    expect(built.appId).toBe(APP_USER_MODEL_ID);
  });

  it('installs in one click for the current user, never asking for an administrator', () => {
    expect(built.nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false });
    expect(built.portable).toMatchObject({ requestExecutionLevel: 'user' });
  });

  it('never deletes the app data folder (where clinic.db is) on uninstall', () => {
    expect(built.nsis?.deleteAppDataOnUninstall).toBe(false);
  });

  it('is what npm run dist packages with', () => {
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.config.ts');
    expect(config.appId).toBe(APP_USER_MODEL_ID);
  });
});

describe('the Linux packages', () => {
  it('name their .desktop file as Electron names its window, so docks match them', () => {
    const linux = builderConfig({}).linux;
    expect(linux?.syncDesktopName).toBe(true);
    expect(pkg.desktopName).toBe(`${linux?.executableName}.desktop`);
  });
});

describe('what goes into the packaged app', () => {
  /** The packages the shell's bundle requires, as electron-builder must find them in node_modules. */
  async function packagesTheShellRequires(): Promise<string[]> {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['main/shell/main.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const names = new Set<string>();
    for (const output of Object.values(result.metafile.outputs))
      for (const imported of output.imports)
        if (imported.external) {
          const parts = imported.path.split('/');
          names.add(imported.path.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''));
        }
    const builtins = new Set(builtinModules);
    return [...names].filter((n) => n !== 'electron' && !n.startsWith('node:') && !builtins.has(n)).sort();
  }

  it('has every package the shell requires, each a production dependency, and leaves the rest out', async () => {
    const required = await packagesTheShellRequires();
    const excluded = new Set<string>(EXCLUDED_PACKAGES);
    for (const name of required) {
      expect(pkg.dependencies, `${name} is required by the shell`).toHaveProperty([name]);
      expect(excluded.has(name), `${name} is required by the shell but excluded`).toBe(false);
    }
    const unused = Object.keys(pkg.dependencies).filter((name) => !required.includes(name));
    for (const name of unused)
      expect(
        EXCLUDED_PACKAGES.some((x) => name === x || name.startsWith(`${x}/`)),
        `${name} is not used by the app`,
      ).toBe(true);
    expect(unused).toContain('playwright-core');
  });

  it('excludes them from the files electron-builder copies', () => {
    expect(builderConfig({}).files).toContain(`!node_modules/{${EXCLUDED_PACKAGES.join(',')}}/**`);
  });
});

describe('signing Windows builds from the environment', () => {
  const azure = Object.fromEntries(AZURE_SIGNING_ENV.map((name) => [name, `value of ${name}`]));

  it.each<[string, Record<string, string>, string]>([
    ['nothing set', {}, 'unsigned'],
    ['Azure Trusted Signing', azure, 'Azure Trusted Signing'],
    [
      'a certificate in the store',
      { PERFCLINIC_SIGN_CERT_SHA1: 'ab'.repeat(20) },
      'a certificate in the Windows certificate store',
    ],
    ['a .pfx file', { CSC_LINK: 'C:\\keys\\council.pfx', CSC_KEY_PASSWORD: 'x' }, 'the certificate file in CSC_LINK'],
    [
      'a .pfx file for Windows only',
      { WIN_CSC_LINK: 'council.pfx', WIN_CSC_KEY_PASSWORD: 'x' },
      'the certificate file in CSC_LINK',
    ],
  ])('with %s signs with %s', (_label, env, how) => {
    expect(windowsSigning(env).how).toBe(how);
  });

  it('passes the Azure account, profile and endpoint, and no secret, to electron-builder', () => {
    const win = windowsSigning(azure).win;
    expect(win.azureSignOptions).toEqual({
      publisherName: 'value of PERFCLINIC_PUBLISHER_NAME',
      endpoint: 'value of AZURE_TRUSTED_SIGNING_ENDPOINT',
      codeSigningAccountName: 'value of AZURE_TRUSTED_SIGNING_ACCOUNT',
      certificateProfileName: 'value of AZURE_TRUSTED_SIGNING_PROFILE',
    });
    expect(JSON.stringify(builderConfig(azure))).not.toContain('AZURE_CLIENT_SECRET');
  });

  it('uses SHA-256 with a certificate', () => {
    expect(windowsSigning({ PERFCLINIC_SIGN_CERT_SHA1: 'ab'.repeat(20) }).win.signtoolOptions).toEqual({
      certificateSha1: 'AB'.repeat(20),
      signingHashAlgorithms: ['sha256'],
    });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    [
      'half an Azure setup',
      { AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net' },
      /needs AZURE_TENANT_ID, .*PERFCLINIC_PUBLISHER_NAME/,
    ],
    [
      'two ways at once',
      { ...azure, CSC_LINK: 'a.pfx', CSC_KEY_PASSWORD: 'x' },
      /not Azure Trusted Signing and CSC_LINK/,
    ],
    ['a .pfx without its password', { CSC_LINK: 'a.pfx' }, /CSC_KEY_PASSWORD/],
    ['a thumbprint that is not one', { PERFCLINIC_SIGN_CERT_SHA1: 'my certificate' }, /40-character/],
    ['a release build with no signing', { PERFCLINIC_REQUIRE_SIGNING: '1' }, /no signing is configured/],
  ])('refuses %s, saying what is wrong', (_label, env, message) => {
    expect(() => builderConfig(env)).toThrow(message);
  });
});
