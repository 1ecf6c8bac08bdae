package app.passkeybff.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Every operation can fail unexpectedly, and then answers the 500 {@code internal_error} problem: the
 * contract says so once here rather than on each resource method. Applied at build time, so the
 * served document is the static one the build wrote and start-up does not rebuild it (measured: a
 * runtime filter made the document service a visible share of start-up CPU on one core).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ContractDefaults implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() != null && operation.getResponses().getAPIResponse("default") == null) {
            operation.getResponses().addAPIResponse("default",
                    OASFactory.createAPIResponse().ref("InternalError"));
        }
        return operation;
    }
}
