import { queueUrlEnvVar } from '#infra/wiring.ts';

/** The campaign queue's URL, as the stack (or the local runtime) gives it to `sendsTo: ['campaign']`. */
export function campaignQueueUrl(env: NodeJS.ProcessEnv = process.env): string {
  const name = queueUrlEnvVar('campaign');
  const url = env[name];
  if (!url) throw new Error(`${name} is not set: this function is not wired to the campaign queue`);
  return url;
}
