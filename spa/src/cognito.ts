/**
 * Sign-up, its confirmation and password sign-in with Cognito's InitiateAuth (USER_PASSWORD_AUTH), as an SPA calls it directly
 * (Amplify does the same request). Locally it reaches the emulator, which answers CORS like Cognito.
 */
export interface CognitoTokens {
  IdToken: string;
  AccessToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
}

export async function passwordSignIn(endpoint: string, clientId: string, email: string, password: string): Promise<CognitoTokens> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    }),
  });
  const body = (await response.json()) as {
    AuthenticationResult?: CognitoTokens;
    ChallengeName?: string;
    __type?: string;
    message?: string;
  };
  if (!response.ok) {
    throw new Error(`Cognito: ${body.__type ?? response.status} ${body.message ?? ''}`.trim());
  }
  if (!body.AuthenticationResult) {
    // e.g. SMS_MFA after a passkey was added (the post-append rule switches MFA on): use the passkey.
    throw new Error(`Cognito asks for ${body.ChallengeName ?? 'another step'}: sign in with your passkey`);
  }
  return body.AuthenticationResult;
}

/** One Cognito JSON request; a refusal becomes an Error naming Cognito's exception type. */
async function cognito<T>(endpoint: string, operation: string, request: unknown): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as T & { __type?: string; message?: string };
  if (!response.ok) {
    throw new Error(`Cognito: ${body.__type ?? response.status} ${body.message ?? ''}`.trim());
  }
  return body;
}

export interface SignUpResult {
  UserConfirmed: boolean;
  /** The pool's username for this user: the email is only a username attribute. */
  UserSub: string;
  CodeDeliveryDetails?: { Destination?: string; DeliveryMedium?: string };
}

/** SignUp with the email as username: the pool has UsernameAttributes [email], so Cognito stores it as the email. */
export function signUp(endpoint: string, clientId: string, email: string, password: string): Promise<SignUpResult> {
  return cognito<SignUpResult>(endpoint, 'SignUp', {
    ClientId: clientId,
    Username: email,
    Password: password,
    UserAttributes: [{ Name: 'email', Value: email }],
  });
}

/**
 * ConfirmSignUp with the code Cognito mailed. The user is named by its sub: an unverified email does
 * not resolve as a username yet. Confirming verifies the email (an auto-verified attribute).
 */
export async function confirmSignUp(endpoint: string, clientId: string, userSub: string, code: string): Promise<void> {
  await cognito<Record<string, never>>(endpoint, 'ConfirmSignUp', {
    ClientId: clientId,
    Username: userSub,
    ConfirmationCode: code,
  });
}

/** Claims of a JWT, for display only: the service verifies every token it receives. */
export function claims(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)))) as Record<
    string,
    unknown
  >;
}
