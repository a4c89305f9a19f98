import Type from 'typebox';
import { defineJob } from './jobs.ts';

/**
 * Applies every module's retention rules (the kernel's own, such as expired sessions, included) once a
 * night. Each rule logs how many rows it removed, so an operator can show the data protection officer that
 * deletion happens.
 */
export const applyRetentionJob = defineJob({
  name: 'kernel.apply-retention',
  payload: Type.Object({}),
  cron: '30 2 * * *',
  handler: async (_payload, ctx) => {
    const now = new Date();
    for (const module of ctx.modules) {
      for (const rule of module.retention ?? []) {
        const removed = await rule.purge(ctx.db, now, ctx.config, ctx);
        ctx.log.info({ rule: rule.id, removed }, 'retention applied');
      }
    }
  },
});
