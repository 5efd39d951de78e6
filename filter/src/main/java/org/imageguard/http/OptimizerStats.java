package org.imageguard.http;

/**
 * What the background optimizer has done since start-up, for metrics.
 *
 * @param queued     jobs waiting for a worker right now
 * @param dropped    jobs not run because the queue was full or memory was short (retried on a later request)
 * @param runs       optimisations run to the end, whatever their outcome
 * @param nanos      time spent in those runs
 * @param bytesSaved bytes the optimised bodies are smaller than the protected ones, summed over runs
 * @param failures   runs that found image data they could not decode (the protected body stays)
 */
public record OptimizerStats(long queued, long dropped, long runs, long nanos, long bytesSaved, long failures) {
}
