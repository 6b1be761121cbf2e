/**
 * The transaction context a method runs in, as far as one class tells:
 * Queueable and Batchable classes and @future methods run asynchronously.
 * Anything else may run synchronously (unknown counts as synchronous).
 */
import type { MethodDecl, TypeDecl } from '../model/ir';
import { baseType } from '../model/spans';
import { hasAnnotation, type Workspace } from './workspace';

export function implementsInterface(type: TypeDecl, name: string): boolean {
  return type.implements.some((i) => baseType(i) === name);
}

export function isAsyncClass(type: TypeDecl): boolean {
  return implementsInterface(type, 'queueable') || implementsInterface(type, 'database.batchable');
}

export function isAsyncMethod(_workspace: Workspace, type: TypeDecl, method: MethodDecl): boolean {
  return hasAnnotation(method, 'future') || isAsyncClass(type);
}
