package dev.fleet.queue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of a workflow run the queue reads: runs carry no labels, so only their ids lead to the jobs that do. */
@JsonIgnoreProperties(ignoreUnknown = true)
record WorkflowRun(long id) {
}
