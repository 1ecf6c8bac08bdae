/**
 * Everything that runs in AWS Lambda: the three Cognito trigger handlers, the two Corbado action
 * handlers, the Quarkus-free rules they share with the service, and the Cognito, Corbado and SSM
 * code they use. Only these packages are shaded into the Lambda jar, so nothing here may use
 * Quarkus, SmallRye, Mutiny, Vert.x, Jakarta REST/CDI or a class of the service outside this
 * package tree ({@code LambdaBoundaryTest} checks it). The service may use everything here.
 */
package app.passkeybff.lambda;
