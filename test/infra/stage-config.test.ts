import { App, RemovalPolicy } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { emailDomainOf, readStageConfig, stageConfig } from '../../infra/stacks/stage-config.ts';

const nodeWith = (context: Record<string, unknown>) => new App({ context }).node;

describe('readStageConfig', () => {
  it('defaults to dev with the local frontend as the only origin', () => {
    // Arrange
    const node = nodeWith({});

    // Act
    const config = readStageConfig(node);

    // Assert
    expect(config).toMatchObject({
      stage: 'dev',
      allowedOrigins: ['http://localhost:5173'],
      retainData: false,
      removalPolicy: RemovalPolicy.DESTROY,
    });
  });

  it('reads prod and a comma list of origins from context', () => {
    // Arrange
    const node = nodeWith({
      stage: 'prod',
      allowedOrigins: 'https://a.example.com, https://b.example.com',
      emailFrom: 'Assist-Ten <notify@a.example.com>',
    });

    // Act
    const config = readStageConfig(node);

    // Assert
    expect(config).toMatchObject({
      stage: 'prod',
      allowedOrigins: ['https://a.example.com', 'https://b.example.com'],
      frontendBaseUrl: 'https://a.example.com',
      emailFrom: 'Assist-Ten <notify@a.example.com>',
      retainData: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  });

  it('refuses prod without an email sender', () => {
    // Arrange
    const node = nodeWith({ stage: 'prod', allowedOrigins: 'https://a.example.com' });

    // Act / Assert
    expect(() => readStageConfig(node)).toThrow(/emailFrom/);
  });

  it('takes the frontend origin for email links from context', () => {
    // Arrange
    const node = nodeWith({ stage: 'dev', frontendUrl: 'https://web.example.com' });

    // Act
    const config = readStageConfig(node);

    // Assert
    expect(config.frontendBaseUrl).toBe('https://web.example.com');
  });

  it.each([
    ['Assist-Ten <notify@Mail.Example.com>', 'mail.example.com'],
    ['notify@example.com', 'example.com'],
    ['not an address', undefined],
  ])('finds the SES identity domain of %s', (from, domain) => {
    // Arrange / Act / Assert
    expect(emailDomainOf(from)).toBe(domain);
  });

  it('refuses prod without allowed origins', () => {
    // Arrange
    const node = nodeWith({ stage: 'prod' });

    // Act / Assert
    expect(() => readStageConfig(node)).toThrow(/allowedOrigins/);
  });

  it('refuses an unknown stage', () => {
    // Arrange
    const node = nodeWith({ stage: 'staging' });

    // Act / Assert
    expect(() => readStageConfig(node)).toThrow(/Unknown stage "staging"/);
  });

  it.each([
    ['a path', 'https://app.example.com/'],
    ['not a URL', 'app.example.com'],
  ])('refuses an origin that is %s', (_case, origin) => {
    // Arrange / Act / Assert
    expect(() => stageConfig('dev', { allowedOrigins: [origin] })).toThrow(/origin/);
  });

  it('refuses a plain http origin in prod', () => {
    // Arrange / Act / Assert
    expect(() => stageConfig('prod', { allowedOrigins: ['http://app.example.com'] })).toThrow(/https/);
  });
});
