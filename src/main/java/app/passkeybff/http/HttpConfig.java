package app.passkeybff.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.hibernate.validator.constraints.time.DurationMin;

import java.time.Duration;

/** The HTTP edge's own settings (Quarkus' {@code quarkus.http.*} covers the rest). */
@ConfigMapping(prefix = "http")
public interface HttpConfig {

    /** How long a request's body may take to arrive after its headers (408 past it). */
    @WithDefault("10s")
    @DurationMin(millis = 1, message = "must be a positive duration, e.g. 2s (env HTTP_BODY_TIMEOUT)")
    Duration bodyTimeout();
}
