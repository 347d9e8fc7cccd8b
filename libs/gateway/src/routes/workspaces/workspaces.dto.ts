import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsEmail, IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import {
  APPLICATION_STATUSES,
  INVITABLE_ROLES,
  WORKSPACE_TYPES,
  type ApplicationStatus,
  type InvitationStatus,
  type MemberRole,
  type WorkspaceType,
} from '@mpp/contracts';
import { ListQueryDto } from '../../pagination/list-query.dto';
import { Text } from '../../validation/dto-fields';

// The shapes of the workspace routes; identity's deciders check the rules again.

/** Longest address SMTP can carry (RFC 5321). */
const EMAIL_MAX_LENGTH = 254;
const COUNTRY_REGION = /^[A-Z]{2}$/;
const PHONE = /^\+?[0-9 ()-]{5,30}$/;
const MEMBER_ROLES: readonly MemberRole[] = ['OWNER', 'ADMIN', 'DEVELOPER', 'OPERATOR'];
const INVITATION_STATUSES: readonly InvitationStatus[] = ['PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'EXPIRED'];

/** Required text of min to max characters that is not only spaces. */
const IsText = (min: number, max: number, example: string, description?: string) => Text(true, min, max, example, description);

export class SubmitWorkspaceApplicationRequest {
  @ApiProperty({ enum: WORKSPACE_TYPES, description: 'ISV builds mini programs; MERCHANT owns them.' })
  @IsIn(WORKSPACE_TYPES)
  type!: WorkspaceType;

  @IsText(1, 100, 'Acme Ltd', 'Becomes the workspace name.')
  companyName!: string;

  @IsText(1, 300, '1 Harbour Street, Singapore 049320')
  businessAddress!: string;

  @ApiProperty({ pattern: COUNTRY_REGION.source, example: 'SG', description: 'ISO 3166-1 alpha-2 code, upper case.' })
  @IsString()
  @Matches(COUNTRY_REGION, { message: 'countryRegion must be an ISO 3166-1 alpha-2 code' })
  countryRegion!: string;

  @IsText(1, 100, 'Ada Lovelace')
  businessRepresentative!: string;

  @ApiPropertyOptional({ format: 'uri', maxLength: 200, example: 'https://acme.example', description: 'An http or https URL.' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'website must be an http or https URL' })
  @MaxLength(200)
  website?: string;

  @ApiPropertyOptional({ pattern: PHONE.source, example: '+65 6123 4567', description: 'Customer-service phone number.' })
  @IsOptional()
  @IsString()
  @Matches(PHONE, { message: 'contactPhone must be 5 to 30 digits, spaces, "(", ")" or "-", optionally after "+"' })
  contactPhone?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: EMAIL_MAX_LENGTH, example: 'support@acme.example', description: 'Customer-service email address.' })
  @IsOptional()
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  contactEmail?: string;

  @ApiProperty({ type: Boolean, enum: [true], description: 'Must be true: the applicant accepts the Terms of Service.' })
  @Equals(true, { message: 'the Terms of Service must be accepted' })
  acceptTerms!: true;

  @ApiProperty({ type: Boolean, enum: [true], description: 'Must be true: the applicant accepts the Privacy Policy.' })
  @Equals(true, { message: 'the Privacy Policy must be accepted' })
  acceptPrivacyPolicy!: true;
}

export class ApplicationSubmittedResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES, example: 'UNDER_REVIEW' }) status!: ApplicationStatus;
}

export class WorkspaceApplicationResponse {
  @ApiProperty() applicationId!: string;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status!: ApplicationStatus;
  @ApiProperty({ enum: WORKSPACE_TYPES }) type!: WorkspaceType;
  @ApiProperty() companyName!: string;
  @ApiProperty() businessAddress!: string;
  @ApiProperty({ example: 'SG' }) countryRegion!: string;
  @ApiProperty() businessRepresentative!: string;
  @ApiPropertyOptional({ format: 'uri' }) website?: string;
  @ApiPropertyOptional() contactPhone?: string;
  @ApiPropertyOptional({ format: 'email' }) contactEmail?: string;
  @ApiProperty() applicantAccountId!: string;
  @ApiProperty({ description: 'Whether a logo was uploaded (PUT .../logo).' }) hasLogo!: boolean;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiPropertyOptional({ description: 'Why it was rejected.' }) reason?: string;
  @ApiPropertyOptional({ description: 'The workspace an approval created.' }) workspaceId?: string;
  @ApiPropertyOptional({ format: 'date-time' }) decidedAt?: string;
  @ApiPropertyOptional({ description: 'The reviewer\'s account id.' }) decidedBy?: string;
  @ApiProperty({ description: 'Changes with every change; also the ETag.' }) version!: number;
}

export class ReviewApplicationsQuery extends ListQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES, description: 'Only applications in this state; all of them without it.' })
  @IsOptional()
  @IsIn(APPLICATION_STATUSES)
  status?: ApplicationStatus;
}

export class ApplicationApprovedResponse {
  @ApiProperty({ enum: ['APPROVED'] }) status!: 'APPROVED';
  @ApiProperty({ description: 'The new workspace; the applicant is its Owner.' }) workspaceId!: string;
}

export class RejectApplicationRequest {
  @IsText(1, 1000, 'The business address could not be verified; send the full registered address.', 'What the applicant should fix; it is emailed to them.')
  reason!: string;
}

export class ApplicationRejectedResponse {
  @ApiProperty({ enum: ['REJECTED'] }) status!: 'REJECTED';
}

export class WorkspaceResponse {
  @ApiProperty() workspaceId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: WORKSPACE_TYPES }) type!: WorkspaceType;
  @ApiProperty({ description: 'Where the logo is served (GET /v1/workspaces/{id}/logo).' }) logoUrl!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ description: 'Members only.' }) businessAddress?: string;
  @ApiPropertyOptional({ description: 'Members only.' }) countryRegion?: string;
  @ApiPropertyOptional({ description: 'Members only.' }) businessRepresentative?: string;
  @ApiPropertyOptional({ format: 'uri', description: 'Members only.' }) website?: string;
  @ApiPropertyOptional({ description: 'Members only.' }) contactPhone?: string;
  @ApiPropertyOptional({ format: 'email', description: 'Members only.' }) contactEmail?: string;
  @ApiPropertyOptional({ enum: MEMBER_ROLES, description: 'The caller\'s role; members only.' }) myRole?: MemberRole;
  @ApiPropertyOptional({ description: 'Members only; also the ETag.' }) version?: number;
}

export class MemberResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
}

export class InviteMemberRequest {
  @ApiProperty({ format: 'email', maxLength: EMAIL_MAX_LENGTH, example: 'grace@example.com', description: 'Where the invitation is sent.' })
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  email!: string;

  @ApiProperty({ enum: INVITABLE_ROLES, description: 'OWNER cannot be given by invitation.' })
  @IsIn(INVITABLE_ROLES)
  role!: MemberRole;
}

export class InvitationCreatedResponse {
  @ApiProperty() invitationId!: string;
}

export class InvitationResponse {
  @ApiProperty() invitationId!: string;
  @ApiProperty() workspaceId!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: InvitationStatus;
  @ApiProperty({ description: 'The inviting member\'s account id.' }) invitedBy!: string;
  @ApiProperty({ format: 'date-time', description: '3 days after the invitation.' }) expiresAt!: string;
}
