package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.function.Function;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredUser;
import org.authnz.wire.DispatchResult;
import org.authnz.wire.WireCall;
import org.authnz.wire.WireCalls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A typed call sent as its {@link WireCalls} body through the dispatcher, and its answer read back,
 * gives what the service gives when called directly: the two halves of the wire mapping fit.
 */
class WireCallsRoundTripTest {

  @TempDir Path dir;
  private Fixture fx;

  @BeforeEach
  void setUp() {
    fx = new Fixture(dir);
  }

  private <T> T overTheWire(WireCall<T> call) {
    DispatchResult result =
        fx.dispatcher.dispatch(call.action(), call.body(), TextNode.valueOf("r"));
    assertThat(result).isInstanceOf(DispatchResult.Answer.class);
    DispatchResult.Answer answer = (DispatchResult.Answer) result;
    return call.read(answer.result(), answer.denialCode());
  }

  private <R, T> void sameBothWays(
      R request, Function<R, T> direct, Function<R, WireCall<T>> wire) {
    assertThat(overTheWire(wire.apply(request))).isEqualTo(direct.apply(request));
  }

  @Test
  void denialsAndPlainResults_areTheSameOverTheWire() {
    AuthnzService s = fx.service;
    sameBothWays("nobody@test.org", s.users()::findByEmail, WireCalls::findUserByEmail);
    sameBothWays(SessionToken.of("no-such-session"), s.sessions()::find, WireCalls::findSession);
    sameBothWays(
        new CredentialsCheckRequest(Fixture.ADMIN_EMAIL, Password.of("wrong")),
        s.passwords()::checkWithoutSession,
        WireCalls::checkCredentials);
    sameBothWays(
        new CredentialsCheckRequest(Fixture.ADMIN_EMAIL, Password.of(Fixture.ADMIN_PASSWORD)),
        s.passwords()::checkWithoutSession,
        WireCalls::checkCredentials);
    sameBothWays(
        new ValidatePasswordRequest(Password.of("abc"), "a@test.org", "A B", null),
        s.passwords()::validate,
        WireCalls::validatePassword);
    sameBothWays(
        new AccessCheckRequest(1, "superuser", "view", "object", 1, "public", ""),
        s.access()::check,
        WireCalls::checkAccess);
    sameBothWays(
        new AccessCheckRequest(1, "authenticated", "view", "object", 1, "public", ""),
        s.access()::check,
        WireCalls::checkAccess);
    sameBothWays(
        new LimitCheckRequest(1, "superuser", "max_requests", 5L),
        s.access()::checkLimit,
        WireCalls::checkLimit);
    sameBothWays(
        SignupRequest.of("Admin Again", Fixture.ADMIN_EMAIL, Password.of("Another-Pass-99x")),
        s.users()::create,
        WireCalls::createUser);
  }

  @Test
  void usersReadBack_carryEverythingButTheHash() {
    StoredUser direct =
        ((Outcome.Success<StoredUser>) fx.service.users().findByEmail(Fixture.ADMIN_EMAIL)).value();
    Outcome<StoredUser> wire = overTheWire(WireCalls.findUserByEmail(Fixture.ADMIN_EMAIL));
    StoredUser read = ((Outcome.Success<StoredUser>) wire).value();
    assertThat(read).usingRecursiveComparison().ignoringFields("password").isEqualTo(direct);
    assertThat(read.password().reveal()).isEmpty();
  }
}
