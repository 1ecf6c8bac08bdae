package app.passkeybff.lambda;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Lambda handlers read the service's variable names and value formats, and still the older names. */
class LambdaEnvironmentTest {

    @Test
    void readsTheServicesNamesAndDurationFormats() {
        assertEquals(5, LambdaEnvironment.of(Map.of("TRIGGERS_MAX_ATTEMPTS", "5")).maxAttempts());
        assertEquals(Duration.ofMillis(1500), LambdaEnvironment.of(Map.of("CORBADO_TIMEOUT", "1500ms")).corbadoTimeout());
        assertEquals(Duration.ofSeconds(2), LambdaEnvironment.of(Map.of("CORBADO_TIMEOUT", "2s")).corbadoTimeout());
        assertEquals(Duration.ofMillis(2500), LambdaEnvironment.of(Map.of("CORBADO_TIMEOUT", "2.5s")).corbadoTimeout());
        assertEquals(Duration.ofSeconds(3), LambdaEnvironment.of(Map.of("CORBADO_TIMEOUT", "PT3S")).corbadoTimeout());
        assertEquals(Duration.ofSeconds(3), LambdaEnvironment.of(Map.of("CORBADO_TIMEOUT", "3")).corbadoTimeout());
        assertEquals(Duration.ofMinutes(5), LambdaEnvironment.of(Map.of("X", "5m")).duration("X").orElseThrow());
    }

    @Test
    void defaultsFitCognitosFiveSecondTriggerBudget() {
        LambdaEnvironment none = LambdaEnvironment.of(Map.of());
        assertEquals(3, none.maxAttempts());
        assertEquals(Duration.ofMillis(2500), none.corbadoTimeout());
        assertTrue(LambdaEnvironment.DEFAULT_SECRETS_TIMEOUT.plus(none.corbadoTimeout()).compareTo(Duration.ofSeconds(4)) < 0);
    }

    @Test
    void stillReadsTheOlderLambdaNamesWhenTheNewOnesAreUnset() {
        assertEquals(4, LambdaEnvironment.of(Map.of("MAX_PASSKEY_ATTEMPTS", "4")).maxAttempts());
        assertEquals(Duration.ofMillis(1800), LambdaEnvironment.of(Map.of("CORBADO_TIMEOUT_MS", "1800")).corbadoTimeout());
        assertEquals(6, LambdaEnvironment.of(Map.of("MAX_PASSKEY_ATTEMPTS", "4", "TRIGGERS_MAX_ATTEMPTS", "6")).maxAttempts());
        assertEquals(Duration.ofSeconds(1), LambdaEnvironment.of(Map.of("CORBADO_TIMEOUT_MS", "1800", "CORBADO_TIMEOUT", "1s"))
                .corbadoTimeout());
    }

    @Test
    void rejectsMalformedValuesNamingTheVariable() {
        var duration = assertThrows(IllegalStateException.class,
                () -> LambdaEnvironment.of(Map.of("CORBADO_TIMEOUT", "soon")).corbadoTimeout());
        assertTrue(duration.getMessage().contains("CORBADO_TIMEOUT"));
        var number = assertThrows(IllegalStateException.class,
                () -> LambdaEnvironment.of(Map.of("TRIGGERS_MAX_ATTEMPTS", "three")).maxAttempts());
        assertTrue(number.getMessage().contains("TRIGGERS_MAX_ATTEMPTS"));
    }

    @Test
    void actionsNeedTheUserPool() {
        var missing = assertThrows(IllegalStateException.class, () -> LambdaEnvironment.of(Map.of()).userDirectory());
        assertTrue(missing.getMessage().contains("COGNITO_USER_POOL_ID"));
    }

    @Test
    void actionsTakeTheGuidesUserPoolVariableWhenOursIsUnset() {
        // The integration guide's Lambdas read USER_POOL_ID; an environment copied from it keeps working.
        org.junit.jupiter.api.Assertions.assertNotNull(
                LambdaEnvironment.of(Map.of("USER_POOL_ID", "us-east-1_guide", "AWS_REGION", "eu-west-1")).userDirectory());
    }
}
