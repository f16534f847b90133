/**
 * The AWS services private nodes reach through VPC endpoints (NET-3), so that a cluster with
 * egress `"none"` still pulls images, assumes roles, ships logs and is managed through SSM.
 */

/**
 * Interface endpoints, one ENI per private subnet, private DNS on:
 * ECR (api + dkr) for images, STS for IRSA, CloudWatch Logs, SSM + ssmmessages + ec2messages for
 * Session Manager, KMS, EKS and EKS Auth (Pod Identity), Secrets Manager (SEC-4).
 */
export const INTERFACE_ENDPOINT_SERVICES = [
    "ecr.api",
    "ecr.dkr",
    "sts",
    "logs",
    "ssm",
    "ssmmessages",
    "ec2messages",
    "kms",
    "eks",
    "eks-auth",
    "secretsmanager",
] as const;

export type InterfaceEndpointService = (typeof INTERFACE_ENDPOINT_SERVICES)[number];

/** `com.amazonaws.<region>.<service>`, the service name of a regional endpoint. */
export function endpointServiceName(region: string, service: string): string {
    return `com.amazonaws.${region}.${service}`;
}

/** Resource-name part for a service: `ecr.api` -> `ecr-api`. */
export function endpointNamePart(service: string): string {
    return service.replace(/\./g, "-");
}

/** Port every interface endpoint listens on. */
export const HTTPS_PORT = 443;
