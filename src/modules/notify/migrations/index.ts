import type { Migrations } from '#kernel/db/migrate.ts';
import * as notify from './202611270400_notify.ts';
import * as notifyTemplates from './202611270401_notify_templates.ts';
import * as printBatchPrivacy from './202612010400_print_batch_privacy.ts';
import * as notifyFileStore from './202612051000_notify_file_store.ts';
import * as caseMessageTemplates from './202612161100_case_message_templates.ts';
import * as notifyDocuments from './202612191130_notify_documents.ts';
import * as caseFollowTemplates from './202612201000_case_follow_templates.ts';
import * as appointmentTemplates from './202612221110_appointment_templates.ts';
import * as courseTemplates from './202701010110_course_templates.ts';
import * as courseCertificateTemplate from './202701010120_course_certificate_template.ts';
import * as trainingTemplates from './202701010210_training_templates.ts';

/** Every migration file of this folder, by name; `migrate.test.ts` fails on one left out. */
export const notifyMigrations: Migrations = {
  '202611270400_notify': notify,
  '202611270401_notify_templates': notifyTemplates,
  '202612010400_print_batch_privacy': printBatchPrivacy,
  '202612051000_notify_file_store': notifyFileStore,
  '202612161100_case_message_templates': caseMessageTemplates,
  '202612191130_notify_documents': notifyDocuments,
  '202612201000_case_follow_templates': caseFollowTemplates,
  '202612221110_appointment_templates': appointmentTemplates,
  '202701010110_course_templates': courseTemplates,
  '202701010120_course_certificate_template': courseCertificateTemplate,
  '202701010210_training_templates': trainingTemplates,
};
