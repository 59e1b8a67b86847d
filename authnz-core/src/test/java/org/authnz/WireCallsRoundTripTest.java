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
    return call.read(answer.result(), answer.denialCode(), answer.typedResult());
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

  @Test
  void typedResults_theReferenceResultLacks_areTheSameOverTheWire() {
    AuthnzService s = fx.service;
    NewSession session =
        ((Outcome.Success<NewSession>)
                s.sessions()
                    .create(
                        new CreateSessionRequest(
                            "127.0.0.1", "t", 1L, "2099-01-02T03:04:05.600000", null)))
            .value();
    assertThat(
            overTheWire(
                WireCalls.deleteSessionsOfUser(new DeleteUserSessionsRequest(1, null, false))))
        .isEqualTo(Outcome.success(1, "Sessions delete processed. Success: True."));
    sameBothWays(
        new DeleteUserSessionsRequest(1, session.token(), false),
        s.sessions()::deleteOfUser,
        WireCalls::deleteSessionsOfUser);
    sameBothWays(
        new ResetPasswordWithoutSessionRequest(
            Fixture.ADMIN_EMAIL, Password.of("Reset-Admin-Pass-77qZ"), true),
        s.passwords()::resetWithoutSession,
        WireCalls::resetPasswordWithoutSession);
    sameBothWays(
        new ResetPasswordWithoutSessionRequest("nobody@test.org", Password.of("x"), true),
        s.passwords()::resetWithoutSession,
        WireCalls::resetPasswordWithoutSession);

    StoredUser direct =
        ((Outcome.Success<StoredUser>)
                s.emails().setSent(new EmailSentRequest(Fixture.ADMIN_EMAIL, "signup")))
            .value();
    StoredUser read =
        ((Outcome.Success<StoredUser>)
                overTheWire(
                    WireCalls.setEmailSent(new EmailSentRequest(Fixture.ADMIN_EMAIL, "signup"))))
            .value();
    assertThat(read)
        .usingRecursiveComparison()
        .ignoringFields("password", "emailVerifySentAt", "lastUpdated")
        .isEqualTo(direct);
    assertThat(read.emailVerifySentAt()).isAfterOrEqualTo(direct.emailVerifySentAt());
  }

  @Test
  void typedResultMembers_withoutThem_aSuccessCannotBeRead() {
    WireCall<Outcome<Long>> call =
        WireCalls.resetPasswordWithoutSession(
            new ResetPasswordWithoutSessionRequest(
                Fixture.ADMIN_EMAIL, Password.of("Reset-Admin-Pass-77qZ"), true));
    DispatchResult.Answer answer =
        (DispatchResult.Answer)
            fx.dispatcher.dispatch(call.action(), call.body(), TextNode.valueOf("r"));
    assertThat(answer.result().has("user_id")).isFalse(); // the reference's result, unchanged
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> call.read(answer.result(), answer.denialCode()))
        .isInstanceOf(IllegalStateException.class);
  }
}
