import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr for the command-line tools (stdout stays free for results). Without a
 * terminal (CI, a pipe) it stays silent: the tools print their summary at the end either way.
 */
export function progressBar(label: string, unit: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted}{extra}`,
      stream: process.stderr,
      noTTYOutput: false,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
}
