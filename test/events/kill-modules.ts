import { defineModule } from '#kernel/module.ts';
import { modules } from '#modules/index.ts';
import { noteDown, probePublisher } from './probe.ts';

/** The subscriber whose worker the kill test kills; its runs expire after a few seconds, not fifteen minutes. */
export const killTestSubscriber = 'listener.count-once';

/** The platform as the kill test's processes (test and workers) all build it. */
export const killTestModules = [
  ...modules,
  probePublisher,
  defineModule({ id: 'listener', on: [noteDown(killTestSubscriber, { retry: { limit: 3, delaySeconds: 0, backoff: false }, expireInSeconds: 5 })] }),
];
