import { MAX_EXTRACTED_SKILLS } from '@assist-ten/core/extraction/extractor';
import { extractLocally, extractMany, localExtractor } from '@assist-ten/core/extraction/local-extractor';
import { describe, expect, it } from 'vitest';
import { largeTaxonomy, TAXONOMY } from './taxonomy-fixture.ts';

const NOW = new Date('2026-06-01T00:00:00.000Z');

const resume = (text: string) => extractLocally({ text, taxonomy: TAXONOMY, purpose: 'resume' }, NOW);
const names = (text: string) => resume(text).skills.map((skill) => skill.skill);
const skill = (text: string, name: string) => resume(text).skills.find((found) => found.skill === name);

describe('local extractor', () => {
  describe('names and aliases', () => {
    it('reports an alias under its canonical name, with the taxonomy id and category', () => {
      // Act
      const found = skill('Built dashboards in JS and ECMAScript.', 'JavaScript');

      // Assert
      expect(found).toMatchObject({ skill: 'JavaScript', skillId: 'skl_js', category: 'language' });
      expect(names('Built dashboards in JS and ECMAScript.')).toEqual(['JavaScript']);
    });

    it('matches case-insensitively and across spaces or hyphens in a term', () => {
      // Act
      const found = names('typescript, MACHINE-learning and machine\nlearning');

      // Assert
      expect(found.sort()).toEqual(['Machine Learning', 'TypeScript']);
    });

    it('does not find a skill inside a longer word or a version number', () => {
      // Act
      const found = names('JavaScripting with Python3 and Reactive streams');

      // Assert
      expect(found).toEqual([]);
    });

    it('tells C, C++ and C# apart', () => {
      // Act
      const found = names('Languages: C++, C#, C');

      // Assert
      expect(found.sort()).toEqual(['C', 'C#', 'C++']);
    });

    it('finds C++ and C# without also finding C', () => {
      // Act
      const found = names('Ten years of C++ and C# in trading systems.');

      // Assert
      expect(found.sort()).toEqual(['C#', 'C++']);
    });

    it('finds .NET and Node.js, and no JS inside Node.js or .NET inside a domain name', () => {
      // Act
      const found = names('Services on .NET and Node.js, see example.net');

      // Assert
      expect(found.sort()).toEqual(['.NET', 'Node.js']);
    });

    it('prefers the longest term at one spot (React.js over React)', () => {
      // Act
      const found = resume('Front ends in React.js.').skills;

      // Assert
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ skill: 'React', confidence: 0.7 });
    });
  });

  describe('ambiguous words', () => {
    it('finds Go, R and C in a list', () => {
      // Act
      const found = names('Languages: Go, R, C\n- Rust');

      // Assert
      expect(found.sort()).toEqual(['C', 'Go', 'R', 'Rust']);
    });

    it('finds Go next to a word that makes it a skill', () => {
      // Act
      const found = names('I am a Go developer; services written in Go.');

      // Assert
      expect(found).toEqual(['Go']);
    });

    it('always finds Golang', () => {
      // Act
      const found = names('we go with golang here');

      // Assert
      expect(found).toEqual(['Go']);
    });

    it('ignores go, r and rust as ordinary words and Go at the start of a sentence', () => {
      // Act
      const found = names("Let's go. Go to the office. Our R&D team fought rust on the bridge.\nR&D lead");

      // Assert
      expect(found).toEqual([]);
    });

    it('gives a skill found only through an ambiguous word less confidence', () => {
      // Act
      const [go, java] = [skill('Languages: Go', 'Go'), skill('Languages: Java', 'Java')];

      // Assert
      expect(go?.confidence).toBeLessThan(java?.confidence ?? 0);
    });
  });

  describe('proficiency cues', () => {
    it.each([
      ['5+ years of TypeScript', 5, 'advanced'],
      ['TypeScript (3 years)', 3, 'advanced'],
      ['TypeScript - 2 yrs', 2, 'intermediate'],
      ['0.5 years with TypeScript', 0.5, 'beginner'],
      ["8 years' experience with TypeScript", 8, 'expert'],
      ['TypeScript since 2015', 11, 'expert'],
      ['Since 2024, TypeScript', 2, 'intermediate'],
    ] as const)('reads "%s" as %d years, %s', (text, years, level) => {
      // Act
      const found = skill(text, 'TypeScript');

      // Assert
      expect(found).toMatchObject({ yearsOfExperience: years, proficiency: level });
    });

    it.each([
      ['Expert in Python', 'expert'],
      ['Tech lead for Python services', 'expert'],
      ['Senior Python engineer', 'advanced'],
      ['Proficient in Python', 'intermediate'],
      ['Familiar with Python', 'beginner'],
      ['Basic Python', 'beginner'],
      ['Python', 'intermediate'],
    ] as const)('reads "%s" as %s', (text, level) => {
      // Act
      const found = skill(text, 'Python');

      // Assert
      expect(found?.proficiency).toBe(level);
      expect(found?.yearsOfExperience).toBeUndefined();
    });

    it('keeps each level word to its own clause', () => {
      // Act
      const text = 'Expert in Java, familiar with Python';

      // Assert
      expect(skill(text, 'Java')?.proficiency).toBe('expert');
      expect(skill(text, 'Python')?.proficiency).toBe('beginner');
    });

    it('binds years to the skill they are stated for', () => {
      // Act
      const text = 'Java (7 years), Python (1 year)';

      // Assert
      expect(skill(text, 'Java')).toMatchObject({ yearsOfExperience: 7, proficiency: 'expert' });
      expect(skill(text, 'Python')).toMatchObject({ yearsOfExperience: 1, proficiency: 'intermediate' });
    });

    it('lets stated years win over a level word', () => {
      // Act
      const found = skill('Senior engineer: 2 years of Docker', 'Docker');

      // Assert
      expect(found?.proficiency).toBe('intermediate');
    });

    it('gives more confidence to a skill with a cue, and to one mentioned again', () => {
      // Act
      const [bare, cued, repeated] = [
        skill('Docker', 'Docker'),
        skill('Expert in Docker', 'Docker'),
        skill('Docker\nDocker\nDocker', 'Docker'),
      ];

      // Assert
      expect(bare?.confidence).toBe(0.8);
      expect(cued?.confidence).toBe(0.9);
      expect(repeated?.confidence).toBe(0.9);
    });
  });

  describe('job descriptions', () => {
    const posting = [
      '# Backend engineer',
      'About us: we build payroll software in Java.',
      '## Requirements',
      '- 3+ years of TypeScript',
      '- Node.js',
      '- Docker is a plus',
      'Nice to have:',
      '- Kubernetes',
      '- Python',
      'Bonus: Rust, C#',
      'What we offer',
      '- Must know React',
    ].join('\n');

    const requirements = () =>
      Object.fromEntries(
        extractLocally({ text: posting, taxonomy: TAXONOMY, purpose: 'job_description' }, NOW).skills.map((found) => [
          found.skill,
          found.requirement,
        ]),
      );

    it('classifies skills by the section they are listed in', () => {
      // Act
      const found = requirements();

      // Assert
      expect(found).toMatchObject({
        TypeScript: 'required',
        'Node.js': 'required',
        Kubernetes: 'nice_to_have',
        Python: 'nice_to_have',
      });
    });

    it('lets a cue on the line win over the section', () => {
      // Act
      const found = requirements();

      // Assert
      expect(found).toMatchObject({
        Docker: 'nice_to_have',
        Rust: 'nice_to_have',
        'C#': 'nice_to_have',
        React: 'required',
      });
    });

    it('counts a skill named outside any section as required', () => {
      // Act
      const found = requirements();

      // Assert
      expect(found.Java).toBe('required');
    });

    it('leaves requirement out for resumes', () => {
      // Act
      const found = extractLocally({ text: posting, taxonomy: TAXONOMY, purpose: 'resume' }, NOW).skills;

      // Assert
      expect(found.every((each) => each.requirement === undefined)).toBe(true);
    });
  });

  describe('evidence and bounds', () => {
    it('quotes the line of the first mention', () => {
      // Act
      const found = skill('Summary\nShipped Kubernetes operators.\nMore Kubernetes later.', 'Kubernetes');

      // Assert
      expect(found?.evidence).toBe('Shipped Kubernetes operators.');
    });

    it('keeps evidence within 300 characters however long the line', () => {
      // Act
      const found = skill(`${'word '.repeat(400)}Kubernetes ${'word '.repeat(400)}`, 'Kubernetes');

      // Assert
      expect(found?.evidence.length).toBeLessThanOrEqual(300);
      expect(found?.evidence).toContain('Kubernetes');
    });

    it(`keeps at most ${MAX_EXTRACTED_SKILLS} skills, the most certain ones`, () => {
      // Arrange
      const taxonomy = largeTaxonomy(300);
      const text = `Expert in Docker.\n${Array.from({ length: 150 }, (_, index) => `Skillname${index}`).join(', ')}`;

      // Act
      const { skills } = extractLocally({ text, taxonomy, purpose: 'resume' }, NOW);

      // Assert
      expect(skills).toHaveLength(MAX_EXTRACTED_SKILLS);
      expect(skills[0]?.skill).toBe('Docker');
    });

    it('reports each skill once', () => {
      // Act
      const found = names('TS, TypeScript, typescript');

      // Assert
      expect(found).toEqual(['TypeScript']);
    });
  });

  describe('behaviour as an extractor', () => {
    it('gives the same output for the same input', async () => {
      // Arrange
      const extractor = localExtractor({ now: () => NOW });
      const input = {
        text: '5 years of Go; Expert in C++ (since 2010)',
        taxonomy: TAXONOMY,
        purpose: 'resume' as const,
      };

      // Act
      const [first, second] = [await extractor.extract(input), await extractor.extract(input)];

      // Assert
      expect(second).toEqual(first);
      expect(first).toMatchObject({ extractor: 'local', promptVersion: 'local-v1' });
      expect(first.model).toBeUndefined();
    });

    it('reads a 20-page resume against 300 skills in milliseconds', () => {
      // Arrange
      const taxonomy = largeTaxonomy(300);
      const page = 'Led the migration of payment services to Kubernetes with TypeScript, Go and Python (5 years).\n';
      const text = page.repeat(600); // about 60,000 characters: 20 pages
      extractMany([text], taxonomy); // compiles and caches the matcher

      // Act
      const started = performance.now();
      const [output] = extractMany([text], taxonomy);
      const elapsed = performance.now() - started;

      // Assert
      expect(output?.skills.map((found) => found.skill).sort()).toEqual(['Go', 'Kubernetes', 'Python', 'TypeScript']);
      // About 10 ms on an idle machine; the bound leaves room for a busy CI runner.
      expect(elapsed).toBeLessThan(400);
    });
  });
});
