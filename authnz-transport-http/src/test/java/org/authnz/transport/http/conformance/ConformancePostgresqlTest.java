package org.authnz.transport.http.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.authnz.limits.MemoryCounterStore;
import org.authnz.transport.http.testing.PostgresqlSchema;

/**
 * The whole conformance set against a sidecar on PostgreSQL (a schema of its own, dropped after the
 * run); skipped when no server answers on 127.0.0.1:5432, failing instead when {@code
 * AUTHNZ_REQUIRE_SERVICES=true}. Report: {@code target/conformance-report-postgresql.txt}.
 */
class ConformancePostgresqlTest extends ConformanceTest {
  private PostgresqlSchema schema;

  @Override
  protected Sidecar startSidecar(Path dir) throws Exception {
    schema = PostgresqlSchema.create();
    try {
      return Sidecar.start(
          schema.open(),
          new MemoryCounterStore(Duration.ofHours(1)),
          WireClient.freshKey(),
          UnaryOperator.identity());
    } catch (RuntimeException e) {
      schema.close();
      throw e;
    }
  }

  @Override
  protected void stopSidecar(Sidecar started) throws Exception {
    try {
      started.close();
    } finally {
      schema.close();
    }
  }

  @Override
  protected String reportFile() {
    return "conformance-report-postgresql.txt";
  }
}
