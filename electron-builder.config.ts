/**
 * Packaging for Windows (council laptops, often without admin rights) and Linux, read by
 * `npm run dist` (`electron-builder --config electron-builder.config.ts`) after the build. A
 * TypeScript file rather than YAML so that the Windows app id is the shell's own constant and the
 * signing is chosen from environment variables by a function the unit tests check.
 */
import type { Configuration, WindowsConfiguration } from 'electron-builder';
import { APP_USER_MODEL_ID } from './main/shell/startup';

type Env = Readonly<Record<string, string | undefined>>;

/** What a signed build needs, by way of signing. Secrets stay in the environment, never in here. */
export const AZURE_SIGNING_ENV = [
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_TRUSTED_SIGNING_ENDPOINT',
  'AZURE_TRUSTED_SIGNING_ACCOUNT',
  'AZURE_TRUSTED_SIGNING_PROFILE',
  'PERFCLINIC_PUBLISHER_NAME',
] as const;

export type Signing = { how: string; win: Pick<WindowsConfiguration, 'azureSignOptions' | 'signtoolOptions'> };

const set = (env: Env, name: string) => (env[name] ?? '').trim() !== '';

/**
 * How the Windows build is signed, from the environment:
 * - Azure Trusted Signing when AZURE_TRUSTED_SIGNING_* are set (with the AZURE_TENANT_ID,
 *   AZURE_CLIENT_ID and AZURE_CLIENT_SECRET of a service principal allowed to sign, which the
 *   TrustedSigning PowerShell module reads itself, and PERFCLINIC_PUBLISHER_NAME, the certificate's CN);
 * - a certificate in the Windows certificate store (a hardware token or HSM) named by its SHA-1
 *   thumbprint in PERFCLINIC_SIGN_CERT_SHA1;
 * - a .pfx file in CSC_LINK (or WIN_CSC_LINK) with its password in CSC_KEY_PASSWORD, which
 *   electron-builder reads itself;
 * - otherwise unsigned, which PERFCLINIC_REQUIRE_SIGNING=1 turns into an error (for release builds).
 * Half a configuration is an error that names what is missing, never a quietly unsigned build.
 */
export function windowsSigning(env: Env): Signing {
  const azureWanted = AZURE_SIGNING_ENV.some((name) => name.startsWith('AZURE_TRUSTED_SIGNING') && set(env, name));
  const thumbprint = (env.PERFCLINIC_SIGN_CERT_SHA1 ?? '').replace(/\s/g, '');
  const pfx = set(env, 'CSC_LINK') || set(env, 'WIN_CSC_LINK');
  const chosen = [
    azureWanted && 'Azure Trusted Signing',
    thumbprint !== '' && 'PERFCLINIC_SIGN_CERT_SHA1',
    pfx && 'CSC_LINK',
  ];
  const ways = chosen.filter((way): way is string => way !== false);
  if (ways.length > 1) throw new Error(`Choose one way to sign Windows builds, not ${ways.join(' and ')}.`);

  if (azureWanted) {
    const missing = AZURE_SIGNING_ENV.filter((name) => !set(env, name));
    if (missing.length > 0) throw new Error(`Azure Trusted Signing needs ${missing.join(', ')} as well.`);
    return {
      how: 'Azure Trusted Signing',
      win: {
        azureSignOptions: {
          publisherName: env.PERFCLINIC_PUBLISHER_NAME ?? '',
          endpoint: env.AZURE_TRUSTED_SIGNING_ENDPOINT ?? '',
          codeSigningAccountName: env.AZURE_TRUSTED_SIGNING_ACCOUNT ?? '',
          certificateProfileName: env.AZURE_TRUSTED_SIGNING_PROFILE ?? '',
        },
      },
    };
  }
  if (thumbprint !== '') {
    if (!/^[0-9a-fA-F]{40}$/.test(thumbprint))
      throw new Error('PERFCLINIC_SIGN_CERT_SHA1 must be the certificate’s 40-character SHA-1 thumbprint.');
    return {
      how: 'a certificate in the Windows certificate store',
      win: { signtoolOptions: { certificateSha1: thumbprint.toUpperCase(), signingHashAlgorithms: ['sha256'] } },
    };
  }
  if (pfx) {
    if (!set(env, 'CSC_KEY_PASSWORD') && !set(env, 'WIN_CSC_KEY_PASSWORD'))
      throw new Error('CSC_LINK is set but CSC_KEY_PASSWORD (the .pfx password) is not.');
    return { how: 'the certificate file in CSC_LINK', win: { signtoolOptions: { signingHashAlgorithms: ['sha256'] } } };
  }
  if (env.PERFCLINIC_REQUIRE_SIGNING === '1')
    throw new Error(
      'PERFCLINIC_REQUIRE_SIGNING=1 but no signing is configured: see "Install on Windows" in the README.',
    );
  return { how: 'unsigned', win: {} };
}

/**
 * Packages only Electron-side code needs. playwright-core prints PDFs for the command line (the app
 * prints with Electron's own printToPDF); a unit test builds the shell and checks that every
 * dependency it requires is packaged and every other one is excluded here.
 */
export const EXCLUDED_PACKAGES = [
  'playwright-core',
  // The renderer's libraries are bundled into dist/renderer by Vite; the main process never loads them.
  'react',
  'react-dom',
  'scheduler',
  'react-chartjs-2',
  'chart.js',
  '@kurkle',
  '@tanstack',
] as const;

export function builderConfig(env: Env): Configuration {
  const signing = windowsSigning(env);
  return {
    appId: APP_USER_MODEL_ID,
    productName: 'Performance Clinic',
    copyright: 'Copyright © 2026 Performance Clinic contributors',
    directories: { output: 'release', buildResources: 'assets' },

    // Only what the installed app runs: the shell, the preload and the built renderer. The command
    // line and benchmarks in dist/ are not part of the desktop app. Production dependencies are added
    // from node_modules by electron-builder itself, less those excluded below.
    files: [
      'dist/main/**',
      'dist/preload/**',
      'dist/renderer/**',
      'package.json',
      '!**/*.map',
      // sql.js ships builds for browsers, workers and asm.js; the app loads only dist/sql-wasm.js + .wasm.
      '!node_modules/sql.js/dist/*.zip',
      '!node_modules/sql.js/dist/*debug*',
      '!node_modules/sql.js/dist/*browser*',
      '!node_modules/sql.js/dist/*inline*',
      '!node_modules/sql.js/dist/sql-asm*',
      '!node_modules/sql.js/dist/worker.*',
      `!node_modules/{${EXCLUDED_PACKAGES.join(',')}}/**`,
    ],

    // app.asar stays packed. sql.js reads sql-wasm.wasm with fs.readFileSync beside its own file, and
    // Electron's fs reads inside app.asar, so nothing needs asarUnpack.
    asar: true,
    // Offline app: no update server, no auto-publishing.
    publish: null,
    // Chromium's messages for English only; en-US is Chromium's fallback and must stay.
    electronLanguages: ['en-GB', 'en-US'],

    // Fuses are flipped in the Electron binary before signing. Cookie encryption is left alone: the
    // app keeps no cookies, and on Linux it would need the keyring.
    electronFuses: {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    },

    win: {
      icon: 'assets/icon.ico',
      target: [
        { target: 'nsis', arch: ['x64'] },
        { target: 'portable', arch: ['x64'] },
      ],
      ...signing.win,
    },

    // A one-click installer for the current user only: no administrator rights, no UAC prompt, no
    // questions; it installs under %LOCALAPPDATA%\Programs and starts the app. Uninstalling never
    // deletes the app data folder, where the clinic file lives.
    nsis: {
      oneClick: true,
      perMachine: false,
      allowElevation: false,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      shortcutName: 'Performance Clinic',
      deleteAppDataOnUninstall: false,
      runAfterFinish: true,
      artifactName: 'performance-clinic-setup-${version}-${arch}.${ext}',
    },

    // A single .exe that runs without installing, for machines where installing is not allowed.
    portable: {
      requestExecutionLevel: 'user',
      artifactName: 'performance-clinic-portable-${version}-${arch}.${ext}',
    },

    linux: {
      icon: 'assets/icon.png',
      category: 'Office',
      executableName: 'performance-clinic',
      synopsis: "Children's social care performance clinics, offline",
      // package.json's desktopName is performance-clinic.desktop: Electron takes its Wayland app_id
      // and X11 WM_CLASS from it, so docks match the running window to the installed launcher.
      syncDesktopName: true,
      target: [
        { target: 'AppImage', arch: ['x64'] },
        { target: 'deb', arch: ['x64'] },
      ],
    },
    deb: { priority: 'optional' },
  };
}

export default builderConfig(process.env);
