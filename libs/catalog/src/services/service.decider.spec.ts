import { SERVICE_OFFLINE, SERVICE_ONLINE, SERVICE_REVISED } from '@mpp/contracts';
import { fold } from '@mpp/eventsourcing';
import { deciderSpecification } from '@mpp/eventsourcing/testing';
import {
  SERVICE_APPROVED,
  SERVICE_ARCHIVED,
  SERVICE_CREATED,
  SERVICE_EDITED,
  SERVICE_REJECTED,
  SERVICE_SUBMITTED,
  SERVICE_WITHDRAWN,
  ServiceCommand,
  serviceDecider,
  ServiceEvent,
} from './service.decider';
import { serviceContent as content } from '../testing/service-content';

const t0 = new Date('2026-11-01T10:00:00.000Z');
const isv = { accountId: 'dev-1', platformRoles: [] as string[] };
const reviewer = { accountId: 'rev-1', platformRoles: ['REVIEWER'] };
const spec = deciderSpecification(serviceDecider, { now: t0 });
const decide = (events: ServiceEvent[], command: ServiceCommand, actor = isv) => spec.given(events).when(command, { actor }).decided();
const created = decide([], { type: 'CreateService', serviceId: 's1', isvWorkspaceId: 'w1', content });
const submitted = [...created, ...decide(created, { type: 'SubmitService' })];
const online = [...submitted, ...decide(submitted, { type: 'ApproveService' }, reviewer)];
const types = (events: ServiceEvent[]) => events.map((e) => e.type);
const refusal = (code: string) => expect.objectContaining({ code });

describe('service decider', () => {
  it('creates a DRAFT with valid content only, naming every bad field', () => {
    expect(types(created)).toEqual([SERVICE_CREATED]);
    const bad = { ...content, industry: 'SPACE', images: [], applicableApps: ['NOPE'], payment: { model: 'FREE' as const, amount: 3 } };
    expect(() => decide([], { type: 'CreateService', serviceId: 's2', isvWorkspaceId: 'w1', content: bad })).toThrow(
      expect.objectContaining({ category: 'bad_input', errors: expect.arrayContaining([expect.objectContaining({ field: 'industry' }), expect.objectContaining({ field: 'images' }), expect.objectContaining({ field: 'applicableApps.0' }), expect.objectContaining({ field: 'payment' })]) }),
    );
    expect(() => decide([], { type: 'CreateService', serviceId: 's2', isvWorkspaceId: 'w1', content: { ...content, payment: { model: 'FIXED', amount: 5 } } })).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ field: 'payment.currency' })] }),
    );
  });

  it('goes DRAFT → PENDING_REVIEW → ONLINE and says so publicly', () => {
    expect(fold(serviceDecider, submitted)).toMatchObject({ status: 'PENDING_REVIEW' });
    expect(types(online.slice(submitted.length))).toEqual([SERVICE_APPROVED, SERVICE_ONLINE]);
    expect(online[online.length - 1].data).toMatchObject({ serviceId: 's1', isvWorkspaceId: 'w1', type: 'MINI_PROGRAM_DEVELOPMENT', name: 'Mini program build' });
  });

  it('turns down with a reason, is edited and submitted again', () => {
    const rejected = [...submitted, ...decide(submitted, { type: 'RejectService', reason: 'Images are blurry' }, reviewer)];
    expect(types(rejected.slice(submitted.length))).toEqual([SERVICE_REJECTED]);
    expect(fold(serviceDecider, rejected)).toMatchObject({ status: 'TURNED_DOWN', reason: 'Images are blurry' });
    const edited = [...rejected, ...decide(rejected, { type: 'EditService', changes: { images: ['https://img.example/sharp.png'] } })];
    expect(types(decide(edited, { type: 'SubmitService' }))).toEqual([SERVICE_SUBMITTED]);
  });

  it('withdraws a submission, which is then editable', () => {
    const withdrawn = [...submitted, ...decide(submitted, { type: 'WithdrawService' })];
    expect(types(withdrawn.slice(submitted.length))).toEqual([SERVICE_WITHDRAWN]);
    expect(fold(serviceDecider, withdrawn)).toMatchObject({ status: 'WITHDRAWN' });
    expect(types(decide(withdrawn, { type: 'EditService', changes: { name: 'Renamed' } }))).toEqual([SERVICE_EDITED]);
  });

  it('revises an ONLINE service while the online content stays listed, and replaces it on approval', () => {
    const revised = [...online, ...decide(online, { type: 'EditService', changes: { description: 'Now with templates.' } })];
    expect(fold(serviceDecider, revised)).toMatchObject({ status: 'ONLINE', revision: 'DRAFT', online: { description: 'We build your mini program.' } });
    const underReview = [...revised, ...decide(revised, { type: 'SubmitService' })];
    expect(fold(serviceDecider, underReview)).toMatchObject({ status: 'ONLINE', revision: 'PENDING_REVIEW' });
    const approved = decide(underReview, { type: 'ApproveService' }, reviewer);
    expect(types(approved)).toEqual([SERVICE_APPROVED, SERVICE_REVISED]);
    expect(fold(serviceDecider, [...underReview, ...approved])).toMatchObject({ status: 'ONLINE', revision: undefined, online: { description: 'Now with templates.' } });
    const rejected = fold(serviceDecider, [...underReview, ...decide(underReview, { type: 'RejectService', reason: 'No' }, reviewer)]);
    expect(rejected).toMatchObject({ status: 'ONLINE', revision: 'TURNED_DOWN', online: { description: 'We build your mini program.' } });
  });

  it('archives an ONLINE service, taking it off the market', () => {
    const archived = decide(online, { type: 'ArchiveService' });
    expect(types(archived)).toEqual([SERVICE_ARCHIVED, SERVICE_OFFLINE]);
    expect(() => decide([...online, ...archived], { type: 'EditService', changes: { name: 'x' } })).toThrow(refusal('SERVICE_ARCHIVED'));
  });

  describe('a MINI_PROGRAM_TEMPLATE service (DOMAIN.md 5)', () => {
    const templateContent = { ...content, name: 'Coffee shop template', type: 'MINI_PROGRAM_TEMPLATE' as const, templateId: 't1' };
    const at = t0.toISOString();
    const published = { templateId: 't1', publishedVersions: 1 };
    // The ISV's template as catalog knows it when the service is created: no PUBLISHED version yet.
    const known = { templateId: 't1', publishedVersions: 0 };
    const tCreated = spec.given().when({ type: 'CreateService', serviceId: 's2', isvWorkspaceId: 'w1', content: templateContent, template: known }).events();
    const tSubmitted = spec.given(tCreated).when({ type: 'SubmitService', template: published }).events();

    it('names one of its ISV\'s own templates, which a development service may not', () => {
      spec.given().when({ type: 'CreateService', serviceId: 's2', isvWorkspaceId: 'w1', content: templateContent, template: known }).then([
        { type: SERVICE_CREATED, data: { serviceId: 's2', isvWorkspaceId: 'w1', content: templateContent, at } },
      ]);
      // Nothing known of it for this ISV: unknown, or another ISV's.
      spec.given().when({ type: 'CreateService', serviceId: 's2', isvWorkspaceId: 'w1', content: templateContent }).thenRefuses('TEMPLATE_NOT_FOUND', 'rule_violation');
      spec.given().when({ type: 'CreateService', serviceId: 's2', isvWorkspaceId: 'w1', content: templateContent, template: { templateId: 't9', publishedVersions: 1 } }).thenRefuses('TEMPLATE_NOT_FOUND');
      const { templateId: _none, ...withoutTemplate } = templateContent;
      const onlyTemplateIdRefused = expect.objectContaining({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'templateId' })] });
      for (const bad of [withoutTemplate, { ...templateContent, templateId: 'not an id!' }, { ...content, templateId: 't1' }]) {
        expect(() => decide([], { type: 'CreateService', serviceId: 's3', isvWorkspaceId: 'w1', content: bad, template: known })).toThrow(onlyTemplateIdRefused);
      }
      spec.given(created).when({ type: 'EditService', changes: { templateId: 't1' }, template: known }).thenRefuses('VALIDATION_FAILED', 'bad_input');
      spec.given(created).when({ type: 'EditService', changes: { type: 'MINI_PROGRAM_TEMPLATE' } }).thenRefuses('VALIDATION_FAILED', 'bad_input');
    });

    it('changes its template by an edit, and lets go of it when it becomes a development service', () => {
      spec.given(tCreated).when({ type: 'EditService', changes: { templateId: 't2' }, template: { templateId: 't2', publishedVersions: 2 } }).then([{ type: SERVICE_EDITED, data: { changes: { templateId: 't2' }, at } }]);
      spec.given(tCreated).when({ type: 'EditService', changes: { templateId: 't2' } }).thenRefuses('TEMPLATE_NOT_FOUND');
      // The rules on the service's state come first: a service under review does not change, whatever it names.
      spec.given(tSubmitted).when({ type: 'EditService', changes: { templateId: 't2' } }).thenRefuses('SERVICE_UNDER_REVIEW');
      const developed = spec.given(tCreated).when({ type: 'EditService', changes: { type: 'MINI_PROGRAM_DEVELOPMENT' } }).events();
      const state = fold(serviceDecider, developed);
      expect(state.status !== 'NONE' && state.content).toEqual({ ...content, name: 'Coffee shop template' });
      spec.given(tCreated).when({ type: 'EditService', changes: { type: 'MINI_PROGRAM_DEVELOPMENT', templateId: 't1' }, template: known }).thenRefuses('VALIDATION_FAILED');
    });

    it('is submitted and approved only while its template has a PUBLISHED version', () => {
      spec.given(tCreated).when({ type: 'SubmitService' }).thenRefuses('TEMPLATE_NOT_PUBLISHED', 'rule_violation');
      spec.given(tCreated).when({ type: 'SubmitService', template: { templateId: 't1', publishedVersions: 0 } }).thenRefuses('TEMPLATE_NOT_PUBLISHED');
      // What was asked about another template (the service's changed meanwhile) says nothing about this one.
      spec.given(tCreated).when({ type: 'SubmitService', template: { templateId: 't2', publishedVersions: 3 } }).thenRefuses('TEMPLATE_NOT_PUBLISHED');
      spec.given(tCreated).when({ type: 'SubmitService', template: published }).then([{ type: SERVICE_SUBMITTED, data: { at } }]);
      spec.given(tSubmitted).when({ type: 'ApproveService', template: { templateId: 't1', publishedVersions: 0 } }, { actor: reviewer }).thenRefuses('TEMPLATE_NOT_PUBLISHED');
      spec.given(tSubmitted).when({ type: 'ApproveService', template: published }, { actor: reviewer }).then([
        { type: SERVICE_APPROVED, data: { reviewerAccountId: 'rev-1', at } },
        { type: SERVICE_ONLINE, data: { serviceId: 's2', isvWorkspaceId: 'w1', type: 'MINI_PROGRAM_TEMPLATE', name: 'Coffee shop template', templateId: 't1', at } },
      ]);
    });

    it('says publicly which template it offers when it goes offline', () => {
      const tOnline = spec.given(tSubmitted).when({ type: 'ApproveService', template: published }, { actor: reviewer }).events();
      expect(spec.given(tOnline).when({ type: 'ArchiveService' }).decided()[1]).toEqual({
        type: SERVICE_OFFLINE,
        data: { serviceId: 's2', isvWorkspaceId: 'w1', type: 'MINI_PROGRAM_TEMPLATE', name: 'Coffee shop template', templateId: 't1', at },
      });
    });

    it('revises an ONLINE template service onto another template, which must be PUBLISHED, and says so publicly', () => {
      const tOnline = spec.given(tSubmitted).when({ type: 'ApproveService', template: published }, { actor: reviewer }).events();
      const t2 = { templateId: 't2', publishedVersions: 1 };
      const moved = spec.given(tOnline).when({ type: 'EditService', changes: { templateId: 't2' }, template: t2 }).events();
      expect(fold(serviceDecider, moved)).toMatchObject({ status: 'ONLINE', revision: 'DRAFT', content: { templateId: 't2' }, online: { templateId: 't1' } });
      // The old template being PUBLISHED says nothing of the new one.
      spec.given(moved).when({ type: 'SubmitService', template: published }).thenRefuses('TEMPLATE_NOT_PUBLISHED');
      const underReview = spec.given(moved).when({ type: 'SubmitService', template: t2 }).events();
      expect(spec.given(underReview).when({ type: 'ApproveService', template: t2 }, { actor: reviewer }).decided()[1]).toEqual({
        type: SERVICE_REVISED,
        data: { serviceId: 's2', isvWorkspaceId: 'w1', type: 'MINI_PROGRAM_TEMPLATE', name: 'Coffee shop template', templateId: 't2', at },
      });
    });

    it('reads a template service stored before services named templates, and asks for one before its review', () => {
      const { templateId: _none, ...stored } = templateContent;
      const old: ServiceEvent[] = [{ type: SERVICE_CREATED, data: { serviceId: 's4', isvWorkspaceId: 'w1', content: stored, at } }];
      expect(fold(serviceDecider, old)).toMatchObject({ status: 'DRAFT', content: { type: 'MINI_PROGRAM_TEMPLATE' } });
      spec.given(old).when({ type: 'SubmitService' }).thenRefuses('TEMPLATE_NOT_PUBLISHED');
      spec.given(old).when({ type: 'EditService', changes: { templateId: 't1' }, template: known }).then([{ type: SERVICE_EDITED, data: { changes: { templateId: 't1' }, at } }]);
    });

    it('leaves a development service\'s steps as they were: no template asked', () => {
      spec.given(created).when({ type: 'SubmitService' }).then([{ type: SERVICE_SUBMITTED, data: { at } }]);
      expect(online[online.length - 1].data).not.toHaveProperty('templateId');
    });
  });

  describe('refuses every transition DOMAIN.md does not allow', () => {
    const archived = [...online, ...decide(online, { type: 'ArchiveService' })];
    const cases: [string, ServiceEvent[], ServiceCommand, string, typeof isv][] = [
      ['submit twice', submitted, { type: 'SubmitService' }, 'SERVICE_ALREADY_SUBMITTED', isv],
      ['edit under review', submitted, { type: 'EditService', changes: { name: 'x' } }, 'SERVICE_UNDER_REVIEW', isv],
      ['approve a draft', created, { type: 'ApproveService' }, 'SERVICE_NOT_UNDER_REVIEW', reviewer],
      ['reject a draft', created, { type: 'RejectService', reason: 'r' }, 'SERVICE_NOT_UNDER_REVIEW', reviewer],
      ['withdraw a draft', created, { type: 'WithdrawService' }, 'SERVICE_NOT_UNDER_REVIEW', isv],
      ['archive a draft', created, { type: 'ArchiveService' }, 'SERVICE_NOT_ONLINE', isv],
      ['archive under review', submitted, { type: 'ArchiveService' }, 'SERVICE_NOT_ONLINE', isv],
      ['submit an ONLINE service with no revision', online, { type: 'SubmitService' }, 'SERVICE_NOT_SUBMITTABLE', isv],
      ['approve an ONLINE service with no revision', online, { type: 'ApproveService' }, 'SERVICE_NOT_UNDER_REVIEW', reviewer],
      ['submit an archived service', archived, { type: 'SubmitService' }, 'SERVICE_NOT_SUBMITTABLE', isv],
      ['archive twice', archived, { type: 'ArchiveService' }, 'SERVICE_NOT_ONLINE', isv],
      ['approve by a non-reviewer', submitted, { type: 'ApproveService' }, 'FORBIDDEN_ROLE', isv],
      ['act on a service that does not exist', [], { type: 'SubmitService' }, 'SERVICE_NOT_FOUND', isv],
    ];
    it.each(cases)('%s', (_name, events, command, code, actor) => {
      expect(() => decide(events, command, actor)).toThrow(refusal(code));
    });
  });
});
