import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { KernelContext } from '#kernel/context.ts';
import type { App } from '#kernel/module.ts';
import { verifyCertificate, verifyPath } from './certificates.ts';
import { VerifyPage, type VerifyAnswer } from './views/verify.tsx';

/*
 * Anyone checks a certificate of attendance here with its code: an employer, a school, the holder. A code
 * copied wrongly is told apart from one never issued, so the person reads again rather than doubting the
 * certificate. The page names a person, so no cache keeps it; the limit per address keeps anyone from
 * trying codes in bulk (29⁸ bodies leave nothing to find by guessing, but each try costs a query).
 */

const VerifyQuery = Type.Object({ code: Type.Optional(Type.String({ maxLength: 200 })) });

// A withdrawn certificate existed and is gone for good: 410, where a code never issued is 404.
const statusOf: Record<VerifyAnswer['kind'], number> = { form: 200, valid: 200, unknown: 404, withdrawn: 410 };

export async function verifyRoutes(app: App, ctx: KernelContext): Promise<void> {
  function answer(request: FastifyRequest, reply: FastifyReply, shown: VerifyAnswer) {
    const refused = shown.kind === 'form' && Boolean(shown.error);
    return reply
      .status(refused ? 422 : statusOf[shown.kind])
      .header('cache-control', 'no-store')
      .html({ title: request.t('learning:certificates.verify.title'), hasErrors: refused }, <VerifyPage page={request.page} answer={shown} />);
  }

  app.get<{ Querystring: { code?: string } }>(verifyPath, { schema: { querystring: VerifyQuery }, config: { rateLimit: { max: 30, timeWindow: '10 minutes' } } }, async (request, reply) => {
    const typed = request.query.code;
    if (typed === undefined) return answer(request, reply, { kind: 'form', code: '' });
    const result = await verifyCertificate(ctx, typed);
    if (result.ok) return answer(request, reply, { kind: 'valid', certificate: result.certificate });
    if (result.reason === 'unknown') return answer(request, reply, { kind: 'unknown', code: result.code });
    if (result.reason === 'withdrawn') return answer(request, reply, { kind: 'withdrawn', code: result.code, withdrawnAt: result.withdrawnAt });
    return answer(request, reply, { kind: 'form', code: typed, error: request.t(`learning:certificates.verify.errors.${result.reason}`) });
  });
}
