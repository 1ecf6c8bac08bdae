package app.passkeybff.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The single exception mapper family: every failure leaves the service as problem+json with a
 * stable code, and nothing from an exception message that could carry upstream data or a stack.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final AllowedMethods allowedMethods;

    public ProblemMappers(AllowedMethods allowedMethods) {
        this.allowedMethods = allowedMethods;
    }

    public static Response toResponse(ProblemException problem) {
        Response.ResponseBuilder builder = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.toProblem());
        problem.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        return toResponse(ProblemException.invalidToken(
                "The bearer token is missing, malformed, expired or not a Cognito ID token for this service."));
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, JsonParseException.class})
    public Response json(JsonProcessingException e) {
        String detail = "The request body is not valid JSON.";
        if (e instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
            // Parsed fine, but as an array or a scalar where every body is an object.
            detail = "The request body must be a JSON object.";
        } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            detail = "Field '" + field + "' has the wrong type.";
        }
        return toResponse(ProblemException.invalidRequest(detail));
    }

    /**
     * Bean Validation on request bodies: the first violation (in a stable order) becomes the detail,
     * named by its field. Only the constraint's own message is used, never the rejected value.
     */
    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .map(ProblemMappers::describe)
                .findFirst()
                .orElse("The request is invalid.");
        return toResponse(ProblemException.invalidRequest(detail));
    }

    private static String describe(ConstraintViolation<?> violation) {
        Path.Node leaf = null;
        for (Path.Node node : violation.getPropertyPath()) {
            leaf = node;
        }
        // A constraint on the body parameter itself (no body) carries a whole sentence.
        if (leaf == null || leaf.getKind() != ElementKind.PROPERTY) {
            return violation.getMessage();
        }
        return "Field '" + leaf.getName() + "' " + violation.getMessage() + ".";
    }

    @ServerExceptionMapper
    public Response timeout(TimeoutException e) {
        return toResponse(UpstreamFailure.timeout("An upstream service did not answer in time."));
    }

    @ServerExceptionMapper
    public Response circuitOpen(CircuitBreakerOpenException e) {
        return toResponse(UpstreamFailure.unavailable("An upstream service is failing; calls are paused briefly."));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        return toResponse(switch (status) {
            case 400 -> ProblemException.invalidRequest("The request is malformed.");
            case 401 -> ProblemException.invalidToken("A valid bearer token is required.");
            case 404 -> new ProblemException(404, "not_found", "Not found", "No such resource.");
            // RFC 9110 15.5.6: a 405 names the methods the resource supports.
            case 405 -> new ProblemException(405, "method_not_allowed", "Method not allowed",
                    "This method is not allowed on this resource.",
                    allowedMethods.at(request.path()).map(allow -> Map.of("Allow", allow)).orElse(Map.of()));
            case 406 -> new ProblemException(406, "not_acceptable", "Not acceptable",
                    "This resource only produces application/json.");
            case 413 -> payloadTooLarge();
            case 415 -> unsupportedMediaType();
            default -> status >= 500
                    ? internal(e)
                    : new ProblemException(status, "invalid_request", "Invalid request", "The request was rejected.");
        });
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpServerResponse response) {
        if (response.headWritten()) {
            // Vert.x already answered (a chunked body over the limit gets a bare 413): nothing left to say.
            LOG.debugf("Failure after the response was written: %s", e.getClass().getName());
            return null;
        }
        return toResponse(internal(e));
    }

    /** For Vert.x filters that answer before JAX-RS runs (body limit, rate limit). */
    public static void write(io.vertx.ext.web.RoutingContext context, ProblemException problem) {
        var response = context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE);
        problem.headers().forEach(response::putHeader);
        response.end(io.vertx.core.json.Json.encode(problem.toProblem()));
    }

    public static ProblemException payloadTooLarge() {
        return new ProblemException(413, "payload_too_large", "Payload too large",
                "The request body is larger than 16 KiB.");
    }

    public static ProblemException unsupportedMediaType() {
        return new ProblemException(415, "unsupported_media_type", "Unsupported media type",
                "The request body must be application/json.");
    }

    private static ProblemException internal(Throwable e) {
        // Only the type: messages of library exceptions may echo request data.
        LOG.errorf("Unexpected failure: %s", e.getClass().getName());
        return new ProblemException(500, "internal_error", "Internal error", "The service failed unexpectedly.");
    }
}
