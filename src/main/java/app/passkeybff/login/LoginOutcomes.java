package app.passkeybff.login;

import app.passkeybff.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code passkey_bff_logins_total{outcome}}: every passkey login that reached the resource (past the
 * rate limit and the body checks), by what the caller got: {@code success} or the problem code.
 * {@code passkey_login_failed} and {@code account_disabled} are users' answers, the upstream codes
 * and {@code error} are the service's failures: the alerts tell them apart by this label. Every
 * outcome is registered at zero, at start-up, so a ratio has its denominator from the first scrape.
 */
@Startup
@ApplicationScoped
public class LoginOutcomes {

    static final String NAME = "passkey.bff.logins";
    static final List<String> OUTCOMES = List.of("success", "invalid_request", "passkey_login_failed",
            "account_disabled", "rate_limited", "upstream_error", "upstream_unavailable", "upstream_timeout", "error");

    private final Map<String, Counter> counters;

    public LoginOutcomes(MeterRegistry registry) {
        this.counters = OUTCOMES.stream().collect(Collectors.toUnmodifiableMap(Function.identity(),
                outcome -> Counter.builder(NAME).description("Passkey logins by outcome").tag("outcome", outcome)
                        .register(registry)));
    }

    /** The login, counted once when it answers; a login the client abandons is not counted. */
    public <T> Uni<T> counted(Supplier<Uni<T>> login) {
        return Uni.createFrom().deferred(login::get)
                .onItemOrFailure().invoke((item, failure) -> counters.get(outcome(failure)).increment());
    }

    private String outcome(Throwable failure) {
        if (failure == null) {
            return "success";
        }
        if (failure instanceof ProblemException problem && counters.containsKey(problem.code())) {
            return problem.code();
        }
        return "error";
    }
}
