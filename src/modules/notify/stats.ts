import { defineFigure, densePerMonth, rangeInstants, type FigureDimension } from '#kernel/declarations/figures.ts';
import { notifyDb } from './repo.templates.ts';
import { lettersPrintedPerMonth, sentPerMonthAndChannel } from './repo.stats.ts';

/* Notify's figures: how the city reaches people, per month, so the cockpit sees paper give way to digital. */

const channel: FigureDimension = {
  name: 'channel',
  label: 'notify:stats.channel',
  values: { email: 'notify:stats.channels.email', letter: 'notify:stats.channels.letter', inbox: 'notify:stats.channels.inbox' },
};

export const messagesSent = defineFigure({
  id: 'notify.messages-sent',
  title: 'notify:stats.messagesSent.title',
  definition: 'notify:stats.messagesSent.definition',
  unit: 'count',
  period: 'month',
  dimensions: [channel],
  values: async (db, range) => {
    const { from, to } = rangeInstants(range);
    return densePerMonth(range, [channel], await sentPerMonthAndChannel(notifyDb(db), from, to));
  },
});

export const lettersPrinted = defineFigure({
  id: 'notify.letters-printed',
  title: 'notify:stats.lettersPrinted.title',
  definition: 'notify:stats.lettersPrinted.definition',
  unit: 'count',
  period: 'month',
  values: async (db, range) => {
    const { from, to } = rangeInstants(range);
    return densePerMonth(range, [], await lettersPrintedPerMonth(notifyDb(db), from, to));
  },
});
