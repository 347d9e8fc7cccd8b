import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Equals, IsEmail, IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { VERIFICATION_PURPOSES, type VerificationPurpose } from '@mpp/contracts';

// The rules shared by several bodies; identity's deciders check them again.

/** Longest address SMTP can carry (RFC 5321). */
const EMAIL_MAX_LENGTH = 254;
const CODE = /^\d{6}$/;
const USERNAME = /^[A-Za-z0-9_.-]+$/;
// At least 8 characters, one of them a letter and one a digit; the upper bound is MaxLength's, with its own message.
const PASSWORD = /^(?=[\s\S]*\p{L})(?=[\s\S]*\d)[\s\S]{8,}$/u;
const TERMS_RULE = 'the Terms of Service must be accepted';

const IsAccountEmail = () =>
  applyDecorators(
    ApiProperty({ format: 'email', maxLength: EMAIL_MAX_LENGTH, example: 'ada@example.com' }),
    IsEmail(),
    MaxLength(EMAIL_MAX_LENGTH),
  );

const IsVerificationCode = () =>
  applyDecorators(
    ApiProperty({ pattern: CODE.source, example: '042917', description: 'The 6-digit code sent to the email address.' }),
    IsString(),
    Matches(CODE, { message: ({ property }) => `${property} must be exactly 6 digits` }),
  );

const IsNewPassword = () =>
  applyDecorators(
    ApiProperty({ minLength: 8, maxLength: 128, example: 'correct-horse-7', description: 'At least 8 characters, with at least one letter and one digit.' }),
    IsString(),
    Matches(PASSWORD, { message: ({ property }) => `${property} must have at least 8 characters with letters and digits` }),
    MaxLength(128),
  );

export class RequestVerificationCodeRequest {
  @IsAccountEmail()
  email!: string;

  @ApiProperty({ enum: VERIFICATION_PURPOSES, description: 'SIGN_UP before registering, RESET_PASSWORD before a password reset.' })
  @IsIn(VERIFICATION_PURPOSES)
  purpose!: VerificationPurpose;
}

export class RegisterAccountRequest {
  @IsAccountEmail()
  email!: string;

  @IsVerificationCode()
  code!: string;

  @ApiProperty({ minLength: 3, maxLength: 32, pattern: USERNAME.source, example: 'ada.lovelace' })
  @IsString()
  @Length(3, 32)
  @Matches(USERNAME, { message: 'username may contain only letters, digits, "_", "." and "-"' })
  username!: string;

  @IsNewPassword()
  password!: string;

  @ApiProperty({ type: Boolean, enum: [true], description: 'Must be true: the caller accepts the Terms of Service.' })
  @Equals(true, { message: TERMS_RULE })
  acceptTerms!: true;
}

export class AccountCreatedResponse {
  @ApiProperty() accountId!: string;
}

export class StartSessionRequest {
  @ApiProperty({ minLength: 1, maxLength: EMAIL_MAX_LENGTH, description: 'The email address or the username.', example: 'ada.lovelace' })
  @IsString()
  @Length(1, EMAIL_MAX_LENGTH)
  login!: string;

  @ApiProperty({ minLength: 1, maxLength: 128, example: 'correct-horse-7' })
  @IsString()
  @Length(1, 128)
  password!: string;
}

export class RefreshSessionRequest {
  @ApiProperty({ minLength: 1, maxLength: 300, description: 'The refreshToken of the last pair; it can be used once.' })
  @IsString()
  @Length(1, 300)
  refreshToken!: string;
}

export class SessionTokensResponse {
  @ApiProperty({ description: 'Send as Authorization: Bearer <accessToken>.' }) accessToken!: string;
  @ApiProperty({ description: 'Trade it for a new pair at POST /v1/sessions/refresh.' }) refreshToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires.', example: 900 }) expiresIn!: number;
}

export class ResetPasswordRequest {
  @IsAccountEmail()
  email!: string;

  @IsVerificationCode()
  code!: string;

  @IsNewPassword()
  newPassword!: string;
}

export class WorkspaceMembershipResponse {
  @ApiProperty() workspaceId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['ISV', 'MERCHANT'] }) type!: 'ISV' | 'MERCHANT';
  @ApiProperty({ description: 'The caller\'s role in the workspace, e.g. OWNER.' }) role!: string;
}

export class MeResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ type: [String], description: 'Platform staff roles, e.g. REVIEWER; empty for everyone else.' }) platformRoles!: string[];
  @ApiProperty({ type: [WorkspaceMembershipResponse] }) workspaces!: WorkspaceMembershipResponse[];
}

export class MailboxQuery {
  @ApiProperty({ format: 'email', maxLength: EMAIL_MAX_LENGTH, description: 'The address whose emails to show.' })
  @IsEmail()
  @MaxLength(EMAIL_MAX_LENGTH)
  to!: string;
}

export class MailResponse {
  @ApiProperty({ format: 'email' }) to!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
}

export class MailboxResponse {
  @ApiProperty({ type: [MailResponse], description: 'Newest first.' }) items!: MailResponse[];
}
