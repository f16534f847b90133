/**
 * Names of child resources derive from the component's name so that two instances of a
 * component never collide and a resource's owner is obvious in the console.
 */
export function childName(componentName: string, part: string): string {
    return `${componentName}-${part}`;
}

/** Kubernetes object and AWS resource names: lower-case alphanumerics and '-', 1-63 chars. */
export const dnsLabelPattern = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function isDnsLabel(value: string): boolean {
    return dnsLabelPattern.test(value);
}
