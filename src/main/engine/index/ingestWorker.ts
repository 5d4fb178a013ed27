/**
 * Worker-thread entry of an ingest thread (see ingestJob.ts): reads and indexes the files the
 * main thread streams to it, into the spool file it was given.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadFormats } from '../platform/resources.ts';
import { IngestJob, type IngestRequest } from './ingestJob.ts';

const port = parentPort;
if (!port) throw new Error('ingestWorker: must run as a worker thread');
const { spoolPath, spoolNumber, standing, segmentBytes } = workerData as {
  spoolPath: string;
  spoolNumber: number;
  standing: { queries: string[]; zone: string };
  segmentBytes?: number;
};
const job = new IngestJob(
  loadFormats(),
  spoolPath,
  spoolNumber,
  (message, transfer) => port.postMessage(message, transfer ?? []),
  standing,
  segmentBytes,
);
port.on('message', (message: IngestRequest) => job.handle(message));
