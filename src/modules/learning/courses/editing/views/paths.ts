import { courseEditingPath } from '#modules/learning/courses/views/staff.tsx';

/** The coordinator's addresses for keeping courses and their sessions. */
export const editingPath = courseEditingPath;
export const newCoursePath = `${editingPath}/neu`;
export const courseEditHref = (courseId: string) => `${editingPath}/${courseId}`;
export const newSessionHref = (courseId: string) => `${courseEditHref(courseId)}/termine/neu`;
export const sessionEditHref = (courseId: string, sessionId: string) => `${courseEditHref(courseId)}/termine/${sessionId}`;
