import type { TaxonomyEntry } from '@assist-ten/core/extraction/extracted-skill';

const entry = (skillId: string, name: string, category: string, aliases: string[] = []): TaxonomyEntry => ({
  skillId,
  name,
  category,
  aliases,
});

/** A small taxonomy with the awkward names: symbols, dots, single letters, ordinary words. */
export const TAXONOMY: readonly TaxonomyEntry[] = [
  entry('skl_js', 'JavaScript', 'language', ['JS', 'ECMAScript']),
  entry('skl_ts', 'TypeScript', 'language', ['TS']),
  entry('skl_java', 'Java', 'language'),
  entry('skl_cpp', 'C++', 'language', ['cpp']),
  entry('skl_cs', 'C#', 'language', ['CSharp']),
  entry('skl_c', 'C', 'language'),
  entry('skl_net', '.NET', 'framework', ['dotnet']),
  entry('skl_node', 'Node.js', 'runtime', ['NodeJS', 'Node']),
  entry('skl_go', 'Go', 'language', ['Golang']),
  entry('skl_r', 'R', 'language'),
  entry('skl_rust', 'Rust', 'language'),
  entry('skl_k8s', 'Kubernetes', 'operations', ['k8s']),
  entry('skl_docker', 'Docker', 'operations'),
  entry('skl_ml', 'Machine Learning', 'data', ['ML']),
  entry('skl_python', 'Python', 'language', ['py']),
  entry('skl_react', 'React', 'framework', ['React.js', 'ReactJS']),
];

/** A taxonomy of `size` made-up skills (and the fixture's), for timing. */
export const largeTaxonomy = (size: number): TaxonomyEntry[] => [
  ...TAXONOMY,
  ...Array.from({ length: size - TAXONOMY.length }, (_, index) =>
    entry(`skl_gen${index}`, `Skillname${index}`, 'generated', [`sn${index}`, `Skill Name ${index}`]),
  ),
];
