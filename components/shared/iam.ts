/**
 * Typed IAM policy documents. Components build documents as objects and serialise them with
 * `toJson`, so no `aws.iam.getPolicyDocument` invoke is needed at plan time and tests can
 * inspect statements directly.
 */

export type IamPrincipal = "*" | { AWS?: string | string[]; Service?: string | string[]; Federated?: string | string[] };

export type IamConditionBlock = Record<string, Record<string, string | string[] | boolean>>;

export interface IamStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Principal?: IamPrincipal;
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Condition?: IamConditionBlock;
}

export interface IamPolicyDocument {
    Version: "2012-10-17";
    Statement: IamStatement[];
}

/** Builds a document from statements with the only valid modern version string. */
export function policyDocument(...statements: IamStatement[]): IamPolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/** Trust policy letting an AWS service assume a role (for example `eks.amazonaws.com`). */
export function serviceTrustPolicy(service: string, actions: string[] = ["sts:AssumeRole"]): IamPolicyDocument {
    return policyDocument({ Effect: "Allow", Principal: { Service: service }, Action: actions });
}

/** Serialises a document the way IAM stores it. */
export function toJson(document: IamPolicyDocument): string {
    return JSON.stringify(document);
}
