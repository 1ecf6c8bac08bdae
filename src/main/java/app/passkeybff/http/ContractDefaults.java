package app.passkeybff.http;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

/**
 * Every operation can fail unexpectedly, and then answers the 500 {@code internal_error} problem: the
 * contract says so once here rather than on each resource method (mp.openapi.filter).
 */
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
