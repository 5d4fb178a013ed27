/**
 * Worker-thread entry of an ingest thread (see ingestJob.ts): reads and indexes the files the
 * main thread streams to it, into the spool file it was given.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { formatsWithUser } from '../platform/userFormats.ts';
import { IngestJob, type IngestRequest } from './ingestJob.ts';

const port = parentPort;
if (!port) throw new Error('ingestWorker: must run as a worker thread');
const { spoolPath, spoolNumber, standing, segmentBytes, userFormatsDir } = workerData as {
  spoolPath: string;
  spoolNumber: number;
  standing: { queries: string[]; zone: string };
  segmentBytes?: number;
  userFormatsDir: string | null;
};
const job = new IngestJob(
  formatsWithUser(userFormatsDir),
  spoolPath,
  spoolNumber,
  (message, transfer) => port.postMessage(message, transfer ?? []),
  standing,
  segmentBytes,
);
port.on('message', (message: IngestRequest) => job.handle(message));
