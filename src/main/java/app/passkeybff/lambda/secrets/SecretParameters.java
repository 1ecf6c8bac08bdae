package app.passkeybff.lambda.secrets;

import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the service and the Lambda handlers read their SSM SecureString parameters: one
 * GetParameters call with decryption, and a failure naming (never showing) what is missing.
 * Plain Java so the Lambda artifact uses exactly this code.
 */
public final class SecretParameters {

    private SecretParameters() {
    }

    public static GetParametersRequest request(List<String> names) {
        return GetParametersRequest.builder().names(names).withDecryption(true).build();
    }

    /** Values by parameter name; throws when any requested name is absent or empty. */
    public static Map<String, String> values(List<String> names, GetParametersResponse response) {
        Map<String, String> values = new HashMap<>();
        for (Parameter parameter : response.parameters()) {
            if (parameter.value() != null && !parameter.value().isBlank()) {
                values.put(parameter.name(), parameter.value());
            }
        }
        List<String> missing = names.stream().filter(name -> !values.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new MissingSecretsException(missing);
        }
        return values;
    }

    /** The names that are missing; the message never carries a value. */
    public static final class MissingSecretsException extends RuntimeException {
        public MissingSecretsException(List<String> names) {
            super("SSM parameters missing or empty: " + names.stream().collect(Collectors.joining(", ")), null,
                    false, false);
        }
    }
}
