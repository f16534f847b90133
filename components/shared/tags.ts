/** Tags every baseline resource carries, merged under the caller's own tags. */
export function baselineTags(name: string, extra: Record<string, string> = {}): Record<string, string> {
    return { "baseline:managed-by": "eks-baseline", Name: name, ...extra };
}
