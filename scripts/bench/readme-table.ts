/**
 * `npx tsx scripts/bench/readme-table.ts`: the README's benchmark table, printed from bench/results.json
 * (the last full `npm run bench`), so the README shows that run's figures and every goal, met or not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './common';

interface Section {
  title: string;
  summary: string;
  goals: { description: string; met: boolean }[];
}

const results = JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')) as {
  environment: { node: string; cpus: number };
  sections: Record<string, Section>;
};

const cell = (text: string) => text.replace(/\|/g, '\\|');
const lines = ['| section | figure | goal | met |', '| --- | --- | --- | --- |'];
for (const [key, section] of Object.entries(results.sections)) {
  section.goals.forEach((goal, i) => {
    const figure = i === 0 ? cell(section.summary) : '';
    lines.push(
      `| ${i === 0 ? `\`${key}\`` : ''} | ${figure} | ${cell(goal.description)} | ${goal.met ? 'met' : '**not met**'} |`,
    );
  });
}
console.log(`From the committed run (Node ${results.environment.node}, ${results.environment.cpus} CPUs):\n`);
console.log(lines.join('\n'));
