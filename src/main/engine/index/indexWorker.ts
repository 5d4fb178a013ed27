/**
 * Worker-thread entry of the indexer: receives event records and compressed text chunks while
 * the bundle streams in, indexes whatever is complete, and hands back the finished index with
 * its buffers transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { IndexJob } from './indexJob.ts';
import type { WorkerReply, WorkerRequest } from './indexBuilder.ts';

const port = parentPort;
if (!port) throw new Error('indexWorker: must run as a worker thread');
const job = new IndexJob();
port.on('message', (message: WorkerRequest) => {
  switch (message.type) {
    case 'events':
      job.addEvents(message.batch);
      job.process();
      return;
    case 'chunk':
      job.addChunk(message.chunk);
      job.process();
      return;
    case 'finish': {
      const parts = job.finish();
      const { data, offsets, counts } = parts.postings;
      port.postMessage({ type: 'done', parts } satisfies WorkerReply, [data.buffer, offsets.buffer, counts.buffer, parts.templateOf.buffer, parts.requests.term.buffer, parts.requests.role.buffer] as ArrayBuffer[]);
    }
  }
});
