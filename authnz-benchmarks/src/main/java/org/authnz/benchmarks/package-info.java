/** JMH benchmarks of authnz operations; {@code target/benchmarks.jar} runs them. Not published. */
package org.authnz.benchmarks;
